import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAnimal, gqlData, newOrganization } from '../support/gateway-client.js';
import { startOtlpReceiver, traceTree, type ReceivedSpan } from '../support/otlp-receiver.js';
import { freePort, spawnEntry, stopProcess, waitUntilAnswering, type RunningProcess } from '../support/processes.js';
import { testBucketName } from '../support/object-store.js';
import { graphql } from '../__generated__/index.js';

const CREATE_LISTING = graphql(`mutation TracingCreateListing($id: ID!) { createListing(input: { animalId: $id, price: 120, currency: "EUR" }) { id } }`);
const ANIMAL_WITH_LISTING = graphql(`query TracingAnimalWithListing($id: ID!) { animal(id: $id) { name listing { price } } }`);
const SPAN_KIND = { server: 2, client: 3 };

let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
const processes: Record<'animal' | 'commerce' | 'gateway', RunningProcess> = {} as never;
let gatewayUrl: string;

/**
 * The gateway, animal and commerce as their own processes, tracing on and exporting by OTLP to a
 * receiver in this test, on the test platform's databases, Redis and S3 (user and research are the platform's).
 */
beforeAll(async () => {
  receiver = await startOtlpReceiver();
  const databaseUrls = inject('serviceDatabaseUrls');
  const namespace = new URL(databaseUrls.animal).pathname.slice(1).replace(/_animal$/, '');
  const shared = {
    REDIS_URL: inject('redisUrl'),
    EVENTS_NAMESPACE: namespace,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    LOG_LEVEL: 'info',
  };
  const ports = { animal: await freePort(), commerce: await freePort(), gateway: await freePort() };
  const graphqlUrl = (port: number) => `http://127.0.0.1:${port}/graphql`;
  const start = async (name: keyof typeof processes, entry: string, env: Record<string, string>) => {
    processes[name] = spawnEntry(entry, { ...shared, ...env, PORT: String(ports[name]) });
    await waitUntilAnswering(ports[name], processes[name]);
  };
  const subgraph = { IDENTITY_PUBLIC_KEY: inject('identityPublicKey') };
  await start('animal', 'subgraphs/animal/src/index.ts', {
    ...subgraph,
    DATABASE_URL: databaseUrls.animal,
    S3_ENDPOINT: inject('s3Endpoint'),
    S3_REGION: 'local',
    S3_BUCKET: testBucketName(),
  });
  await start('commerce', 'subgraphs/commerce/src/index.ts', { ...subgraph, DATABASE_URL: databaseUrls.commerce, ANIMAL_SUBGRAPH_URL: graphqlUrl(ports.animal) });
  const platform = inject('subgraphUrls');
  await start('gateway', 'gateway/src/index.ts', {
    IDENTITY_PRIVATE_KEY: inject('identityPrivateKey'),
    ANIMAL_URL: graphqlUrl(ports.animal),
    COMMERCE_URL: graphqlUrl(ports.commerce),
    RESEARCH_URL: platform.research,
    USER_URL: platform.user,
  });
  gatewayUrl = graphqlUrl(ports.gateway);
}, 180_000);

afterAll(async () => {
  await Promise.all(Object.values(processes).map((process) => stopProcess(process, 'SIGTERM')));
  await receiver?.stop();
});

/** Waits until the receiver holds spans of the trace from every one of `services`. */
async function spansOf(traceId: string, services: string[]): Promise<ReceivedSpan[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const spans = receiver.spans.filter((span) => span.traceId === traceId);
    if (services.every((service) => spans.some((span) => span.service === service && span.kind === SPAN_KIND.server))) return spans;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`trace ${traceId} incomplete:\n${traceTree(receiver.spans.filter((span) => span.traceId === traceId))}`);
}

describe('OpenTelemetry tracing, with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
  it('records one trace of a federated request: the gateway, both subgraphs it asks and their SQL, under the caller’s traceparent', async () => {
    const member = await newOrganization('Traced');
    const animal = await createAnimal(member, { name: 'Traced Tess', visibility: 'PUBLIC' });
    await gqlData(CREATE_LISTING, { id: animal.id }, member.token);

    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${member.token}`, traceparent: `00-${traceId}-${callerSpanId}-01` },
      body: JSON.stringify({ query: ANIMAL_WITH_LISTING.toString(), operationName: 'TracingAnimalWithListing', variables: { id: animal.id } }),
    });
    expect(await response.json()).toEqual({ data: { animal: { name: 'Traced Tess', listing: { price: 120 } } } });

    const spans = await spansOf(traceId, ['studbook-gateway', 'studbook-animal', 'studbook-commerce']);
    const tree = traceTree(spans);
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    // One tree: the gateway's server span is the caller's child, every other span has its parent in the trace.
    const roots = spans.filter((span) => !span.parentSpanId || !byId.has(span.parentSpanId));
    expect(
      roots.map((span) => [span.service, span.kind, span.parentSpanId]),
      tree,
    ).toEqual([['studbook-gateway', SPAN_KIND.server, callerSpanId]]);

    const named = (service: string, pattern: RegExp) => spans.filter((span) => span.service === service && pattern.test(span.name));
    // @apollo/gateway's own spans, and a client span (undici) for each subgraph fetch.
    for (const name of ['gateway.request', 'gateway.plan', 'gateway.execute', 'gateway.fetch'])
      expect(named('studbook-gateway', new RegExp(`^${name}$`)).length, tree).toBeGreaterThan(0);
    for (const service of ['studbook-animal', 'studbook-commerce']) {
      // Each subgraph's request is the child of a gateway (or sibling subgraph) client span, and its SQL is below it.
      const servers = spans.filter((span) => span.service === service && span.kind === SPAN_KIND.server);
      for (const server of servers) expect(byId.get(server.parentSpanId!)?.kind, tree).toBe(SPAN_KIND.client);
      expect(named(service, /^pg\.query/).length, tree).toBeGreaterThan(0);
      for (const query of named(service, /^pg\.query/))
        expect(
          ancestorsOf(query, byId).some((span) => servers.includes(span)),
          tree,
        ).toBe(true);
    }
    expect(named('studbook-gateway', /^pg\./), tree).toEqual([]);

    // The access log line of the request carries the same trace id.
    const accessLine = processes.gateway
      .output()
      .split('\n')
      .find((line) => line.includes('"message":"graphql request"') && line.includes('TracingAnimalWithListing'));
    expect(JSON.parse(accessLine!).traceId).toBe(traceId);
    // ... and the subgraphs' traceparent was the SDK's (a gateway span), not the caller's forwarded unchanged.
    expect(spans.filter((span) => span.parentSpanId === callerSpanId).length).toBe(1);
  }, 120_000);

  it('starts a trace of its own for a caller without traceparent, with its id in the log and no variables in its URL', async () => {
    // A GET carries the document and its variables in the URL: the span keeps the path, not them.
    const url = new URL(gatewayUrl);
    url.searchParams.set('query', 'query TracingTypename { __typename }');
    url.searchParams.set('variables', JSON.stringify({ email: 'private.person@example.test' }));
    const response = await fetch(url, { headers: { 'x-request-id': 'tracing-without-parent', 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    const line = await waitForLine(processes.gateway, 'tracing-without-parent');
    expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
    const spans = await spansOf(line.traceId as string, ['studbook-gateway']);
    expect(spans.some((span) => span.name === 'gateway.request')).toBe(true);
    const server = spans.find((span) => span.kind === SPAN_KIND.server)!;
    expect(Object.values(server.attributes).some((value) => String(value).includes('/graphql'))).toBe(true);
    expect(JSON.stringify(spans)).not.toContain('private.person');
    expect(JSON.stringify(spans)).not.toContain('query TracingTypename');
  });
});

function ancestorsOf(span: ReceivedSpan, byId: Map<string, ReceivedSpan>): ReceivedSpan[] {
  const ancestors: ReceivedSpan[] = [];
  for (let parent = span.parentSpanId && byId.get(span.parentSpanId); parent; parent = parent.parentSpanId && byId.get(parent.parentSpanId)) ancestors.push(parent);
  return ancestors;
}

async function waitForLine(process: RunningProcess, requestId: string): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const line = process
      .output()
      .split('\n')
      .find((text) => text.includes(`"requestId":"${requestId}"`) && text.includes('"message":"graphql request"'));
    if (line) return JSON.parse(line) as Record<string, unknown>;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no access log line for ${requestId}`);
}
