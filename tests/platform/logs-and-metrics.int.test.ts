import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@studbook/platform';
import type { RunningPlatform } from '../../embedded/src/platform.js';
import { startCountingPlatform } from '../support/counting-platform.js';
import { dataAt } from '../support/operations.js';
import { createAnimal } from '../support/gateway-client.js';
import { graphql } from '../__generated__/index.js';

const SIGN_UP = graphql(`mutation LogsAndMetricsSignUp($input: SignUpInput!) { signUp(input: $input) { token user { id organization { id } } } }`);
const SIGN_IN = graphql(`mutation LogsAndMetricsSignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }`);
const HERD = graphql(`query LogsAndMetricsHerd { animals(first: 5, filter: { mine: true }) { edges { node { name owner { name } } } } }`);
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

let platform: RunningPlatform;
const email = `logs-${crypto.randomUUID()}@example.test`;
const password = 'a passphrase never logged';
let member: { token: string; userId: string; organizationId: string; email: string };
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  // debug: the subgraphs' one line per request is at debug.
  const logger = createLogger('logs', { level: 'debug', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  platform = await startCountingPlatform('logs', { logger });
  // Signed up and in through this platform's gateway, so that its logs saw the email, password and token go by.
  const { signUp } = await dataAt(platform.gatewayUrl, SIGN_UP, { input: { email, password, name: 'Log Keeper', organizationName: 'Logs Org' } });
  const { signIn } = await dataAt(platform.gatewayUrl, SIGN_IN, { email, password });
  member = { token: signIn.token, userId: signUp.user.id, organizationId: signUp.user.organization.id, email };
  await createAnimal(member, { name: 'Logged Lucy' });
});
afterAll(() => platform?.stop());

/** The herd query through this platform's gateway, with the given extra headers. */
async function herd(headers: Record<string, string> = {}) {
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${member.token}`, ...headers },
    body: JSON.stringify({ query: HERD.toString(), operationName: 'LogsAndMetricsHerd' }),
  });
  const body = (await response.json()) as { data?: { animals: { edges: { node: { name: string } }[] } } };
  expect(body.data?.animals.edges.map((e) => e.node.name)).toEqual(['Logged Lucy']);
  return response.headers.get('x-request-id')!;
}

const componentsOf = (requestId: string) => new Set(lines.filter((line) => line.requestId === requestId).map((line) => line.component));

describe('request ids in the logs', () => {
  it("echoes the caller's x-request-id and writes it, with the traceparent's trace id, on the gateway's and every asked subgraph's lines", async () => {
    const requestId = `support-ticket-${Date.now()}`;
    expect(await herd({ 'x-request-id': requestId, traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` })).toBe(requestId);
    const ours = lines.filter((line) => line.requestId === requestId);
    expect(componentsOf(requestId)).toEqual(new Set(['logs.gateway', 'logs.animal', 'logs.user']));
    expect(ours.every((line) => line.traceId === TRACE_ID)).toBe(true);
    expect(ours.find((line) => line.component === 'logs.gateway')).toMatchObject({ level: 'info', message: 'graphql request', operation: 'LogsAndMetricsHerd' });
  });

  it('generates an id when the caller sends none, or an unusable one, and the subgraphs log the same', async () => {
    const sent: Record<string, string>[] = [{}, { 'x-request-id': 'not a token; "quoted"' }];
    for (const headers of sent) {
      const requestId = await herd(headers);
      expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(componentsOf(requestId)).toEqual(new Set(['logs.gateway', 'logs.animal', 'logs.user']));
      expect(lines.filter((line) => line.requestId === requestId).every((line) => line.traceId === undefined)).toBe(true);
    }
  });

  it("never writes a member's email, password or session token", () => {
    expect(lines.filter((line) => line.operation === 'LogsAndMetricsSignUp' || line.operation === 'LogsAndMetricsSignIn').length).toBeGreaterThanOrEqual(4);
    const written = JSON.stringify(lines);
    for (const secret of [email, password, member.token]) expect(written).not.toContain(secret);
  });
});

describe('/metrics', () => {
  it('has latency histograms per operation and per subgraph fetch, errors by code, pool gauges and process metrics', async () => {
    await herd();
    await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ noSuchField }' }),
    });
    const text = await platform.metrics.render();
    expect(text).toMatch(/^studbook_graphql_request_duration_seconds_count\{service="gateway",operation="LogsAndMetricsHerd",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^studbook_graphql_request_duration_seconds_bucket\{le="\+Inf",service="animal",operation="LogsAndMetricsHerd",outcome="ok"\} [1-9]/m);
    // A document that does not validate has no operation to name.
    expect(text).toMatch(/^studbook_graphql_request_duration_seconds_count\{service="gateway",operation="\(unknown\)",outcome="error"\} 1$/m);
    expect(text).toMatch(/^studbook_graphql_errors_total\{service="gateway",code="GRAPHQL_VALIDATION_FAILED"\} 1$/m);
    expect(text).toMatch(/^studbook_gateway_subgraph_fetch_duration_seconds_count\{subgraph="animal",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^studbook_dataloader_batch_size_count\{loader="user.organizationReferences"\} [1-9]/m);
    expect(text).toMatch(/^studbook_cache_lookups_total\{cache="platform",result="(hit|miss)"\} [1-9]/m);
    expect(text).toMatch(/^studbook_pg_pool_clients\{pool="animal",state="total"\} [1-9]/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);

    // Each subgraph's own endpoint too, in Prometheus' content type.
    const subgraph = await fetch(new URL('/metrics', platform.subgraphUrls.animal));
    expect(subgraph.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await subgraph.text()).toMatch(/^studbook_sql_statements_total\{pool="animal"\} [1-9]/m);
  });
});
