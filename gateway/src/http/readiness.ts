import type { RequestHandler } from 'express';

export type SubgraphState = 'up' | 'down';

/**
 * GET /ready of the gateway: ready (200) while it has a supergraph to plan with, whatever the
 * subgraphs' states, which the body reports one by one. A subgraph down costs only its own fields
 * (SUBGRAPH_UNAVAILABLE at their paths); failing readiness for it would take every gateway out of
 * the load balancer at once and turn a partial outage into a total one.
 */
export function readinessHandler(options: { supergraphLoaded: () => boolean; subgraphUrls: Record<string, string>; timeoutMs?: number }): RequestHandler {
  return async (_req, res) => {
    const states = await Promise.all(
      Object.entries(options.subgraphUrls).map(async ([name, url]) => [name, (await subgraphReady(url, options.timeoutMs ?? 2_000)) ? 'up' : 'down'] as const),
    );
    const ready = options.supergraphLoaded();
    res.status(ready ? 200 : 503).json({ ready, supergraph: ready ? 'loaded' : 'missing', subgraphs: Object.fromEntries(states) });
  };
}

async function subgraphReady(graphqlUrl: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(new URL('/ready', graphqlUrl), { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
