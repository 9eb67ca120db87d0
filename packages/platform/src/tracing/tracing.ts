/**
 * OpenTelemetry tracing of one process, on only when an OTLP endpoint is configured
 * (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, the standard variables):
 * off, nothing is loaded or registered and the OpenTelemetry API that @apollo/gateway calls stays a
 * no-op. This module is imported by each entry point before anything else (its own package export,
 * `@studbook/platform/tracing`, so it does not load pg or ioredis through the platform's index).
 */

let active: { flush(): Promise<void> } | undefined;

/** Whether the process records and exports spans: then the SDK, not the caller's header, makes each traceparent sent on. */
export function tracingEnabled(): boolean {
  return active !== undefined;
}

/** True when the standard variables ask for traces by OTLP (and do not turn the SDK or the exporter off). */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER?.split(',').some((name) => name.trim() === 'none')) return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim());
}

/**
 * Starts tracing as `serviceName` (unless OTEL_SERVICE_NAME says otherwise) when configured. Must run
 * before the modules it instruments are imported: entry points call it, then import the rest.
 */
export async function startTracing(serviceName: string): Promise<void> {
  if (active || !tracingConfigured()) return;
  const { startTracingSdk } = await import('./tracing-sdk.js');
  active = await startTracingSdk(process.env.OTEL_SERVICE_NAME?.trim() || serviceName);
}

/** Exports the spans still buffered: a stopping process calls it last, so its final requests reach the collector. */
export async function flushTracing(): Promise<void> {
  await active?.flush();
}
