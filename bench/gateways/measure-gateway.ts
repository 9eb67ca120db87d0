import { load, type LoadResult } from './load.js';
import { PostgresCpu } from './postgres-cpu.js';
import { processCpuMs } from './process-cpu.js';
import type { Service } from './standalone-services.js';

export interface GatewayUnderTest {
  label: string;
  service: Service;
  /** How this gateway learns who is calling: a session token for ours, a signed identity header for the others. */
  headers: () => Record<string, string>;
}

export interface Measurement extends LoadResult {
  gatewayCpuMs: number;
  /** CPU per request of every other process in the path (subgraphs or the replay server), by name. */
  upstreamCpuMs: Record<string, number>;
  /** SQL statements per request, by pool; empty when the subgraphs are replayed. */
  statements: Record<string, number>;
  /** CPU per request of the PostgreSQL backends serving the subgraphs; 0 when they are replayed. */
  postgresCpuMs: number;
}

const STATEMENTS = /^studbook_sql_statements_total\{pool="(\w+)"\} (\d+)$/gm;

async function statementCounts(subgraphs: Service[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const subgraph of subgraphs) {
    const text = await (await fetch(new URL('/metrics', subgraph.url))).text();
    for (const [, pool, value] of text.matchAll(STATEMENTS)) counts[pool] = (counts[pool] ?? 0) + Number(value);
  }
  return counts;
}

/** One load run through one gateway, with the CPU every process spent and the SQL statements sent, per request. */
export async function measureGateway(
  gateway: GatewayUnderTest,
  run: { body: string; expectedBody: string; connections: number; seconds: number },
  upstream: { processes: Service[]; subgraphs: Service[]; postgres?: PostgresCpu },
): Promise<Measurement> {
  const cpu = () => [gateway.service, ...upstream.processes].map((s) => processCpuMs(s.pid));
  const statementsBefore = await statementCounts(upstream.subgraphs);
  const postgresBefore = await upstream.postgres?.sample();
  const cpuBefore = cpu();
  const result = await load({ url: gateway.service.url, headers: gateway.headers(), ...run });
  const cpuAfter = cpu();
  const postgresAfter = await upstream.postgres?.sample();
  const statementsAfter = await statementCounts(upstream.subgraphs);
  const perRequest = (ms: number) => ms / Math.max(1, result.requests);
  return {
    ...result,
    gatewayCpuMs: perRequest(cpuAfter[0] - cpuBefore[0]),
    upstreamCpuMs: Object.fromEntries(upstream.processes.map((s, i) => [s.name, perRequest(cpuAfter[i + 1] - cpuBefore[i + 1])])),
    statements: Object.fromEntries(Object.entries(statementsAfter).map(([pool, n]) => [pool, perRequest(n - (statementsBefore[pool] ?? 0))])),
    postgresCpuMs: postgresBefore && postgresAfter ? perRequest(PostgresCpu.spent(postgresBefore, postgresAfter)) : 0,
  };
}
