import { register } from 'node:module';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { AwsInstrumentation } from '@opentelemetry/instrumentation-aws-sdk';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { defaultResource, envDetector, detectResources, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { samplerFromEnv } from './sampler-from-env.js';

// Probes and scrapes would be most of the spans, and tell nothing a metric does not.
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);
// A GraphQL GET carries the document and variables in its query string: an email or an address must not
// reach the tracing backend through a span's URL (the signature parameters are the instrumentation's own defaults).
const REDACTED_QUERY_PARAMETERS = [
  'query',
  'variables',
  'extensions',
  'sig',
  'Signature',
  'AWSAccessKeyId',
  'X-Goog-Signature',
  'X-Amz-Signature',
  'X-Amz-Credential',
  'X-Amz-Security-Token',
];

/**
 * Registers the OpenTelemetry SDK for this process: a tracer provider exporting by OTLP in batches,
 * W3C trace context and baggage, and the instrumentations of what a request touches: the HTTP
 * server (each service's incoming request, its parent taken from `traceparent`), undici (the
 * gateway's subgraph client and global fetch, which commerce and research use to ask animal; the
 * traceparent each sends is injected here), PostgreSQL, Redis and the AWS SDK (DynamoDB, S3).
 * @apollo/gateway's own spans (request, plan, execute, fetch) arrive through the global provider.
 */
export async function startTracingSdk(serviceName: string): Promise<{ flush(): Promise<void> }> {
  // ESM modules are instrumented through loader hooks, in place before the rest of the process is imported.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const provider = new BasicTracerProvider({
    resource: defaultResource()
      .merge(detectResources({ detectors: [envDetector] }))
      .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName })),
    sampler: samplerFromEnv(),
    // The batch processor reads OTEL_BSP_SCHEDULE_DELAY, OTEL_BSP_MAX_EXPORT_BATCH_SIZE and the rest itself.
    spanProcessors: [new BatchSpanProcessor(exporterFromEnv())],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0]),
        redactedQueryParamsServer: REDACTED_QUERY_PARAMETERS,
        // Outgoing requests are undici's (fetch and the subgraph pools); node:http clients are the SDKs', traced by their own instrumentation.
        ignoreOutgoingRequestHook: () => true,
      }),
      new UndiciInstrumentation(),
      // Statement text without values (instrumentation-pg never records parameters); a span per pool.connect too.
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
      new AwsInstrumentation({ suppressInternalInstrumentation: true }),
    ],
  });
  return { flush: () => provider.forceFlush() };
}

/** OTLP over HTTP, protobuf unless OTEL_EXPORTER_OTLP(_TRACES)_PROTOCOL is `http/json`; the exporter reads the endpoint, headers and timeout itself. */
function exporterFromEnv(env: NodeJS.ProcessEnv = process.env): SpanExporter {
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf').trim();
  if (protocol === 'http/json') return new OtlpJsonExporter();
  if (protocol === 'http/protobuf') return new OtlpProtobufExporter();
  throw new Error(`OTEL_EXPORTER_OTLP_PROTOCOL=${protocol} is not supported: use http/protobuf (default) or http/json (gRPC: put an OpenTelemetry Collector in between)`);
}
