import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Responses that were not exactly the checked answer, plus non-2xx answers and socket errors. */
  failures: number;
}

/**
 * Sends one GraphQL POST over `connections` keep-alive connections for `seconds`; every response
 * body must equal `expectedBody` byte for byte (autocannon counts the ones that do not).
 */
export async function load(options: {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  expectedBody: string;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body,
    connections: options.connections,
    duration: options.seconds,
    expectBody: options.expectedBody,
  });
  const requests = result.requests.total;
  return {
    requests,
    perSecond: requests / options.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.mismatches + result.non2xx + result.errors + result.timeouts,
  };
}
