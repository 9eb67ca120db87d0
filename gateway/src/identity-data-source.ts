import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import {
  CLIENT_AGENT_HEADER,
  CLIENT_IP_HEADER,
  ErrorCode,
  IDENTITY_HEADER,
  requestContextHeaders,
  SESSION_HASH_HEADER,
  type Logger,
  type Metrics,
} from '@studbook/platform';
import type { GatewayContext } from './auth/caller.js';
import { SubgraphUnreachable, UNAVAILABLE_STATUSES, unavailableResponse } from './http/subgraph-unavailable.js';
import { InFlight } from './subgraph-fetch/in-flight.js';
import { SubgraphClient, type SubgraphReply } from './subgraph-fetch/subgraph-client.js';

export const SUBGRAPH_FETCH_METRIC = 'studbook_gateway_subgraph_fetch_duration_seconds';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

const NOT_A_READ = /^\s*(mutation|subscription)\b/;

/**
 * Sends each subgraph request with the gateway-signed identity token. Client headers are never
 * forwarded, so a client cannot claim a tenant; only the user subgraph sees the session hash.
 *
 * Identical reads in flight at once share one subgraph call. The key is the whole request, the
 * caller's identity token and (for the user subgraph) session hash included, so two callers are
 * never given each other's answer; each parses its own copy of the shared reply. An operator can
 * turn the sharing off (SUBGRAPH_DEDUPE=off) to see what each request costs on its own.
 */
export class IdentityDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly client: SubgraphClient;
  private readonly inFlight = new InFlight<SubgraphReply>();

  constructor(
    private readonly subgraphName: string,
    url: string,
    private readonly logger?: Logger,
    private readonly metrics?: Metrics,
    private readonly dedupe = true,
  ) {
    this.client = new SubgraphClient(url);
  }

  /** An unreachable subgraph nulls only the fields it serves, each with a retryable error at its path. */
  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const { http: _http, ...payload } = request;
    const body = JSON.stringify(payload);
    const headers = this.headersFor(options.context as GatewayContext);
    const read = !NOT_A_READ.test(request.query);
    const timed = this.metrics?.startTimer(SUBGRAPH_FETCH_METRIC, "Latency of the gateway's fetches from each subgraph");
    let reply: SubgraphReply;
    try {
      reply = await this.send(body, headers, read);
      if (UNAVAILABLE_STATUSES.has(reply.status)) throw new SubgraphUnreachable(`HTTP ${reply.status}`);
    } catch (error) {
      const unreachable = error instanceof SubgraphUnreachable ? error : new SubgraphUnreachable(error);
      timed?.({ subgraph: this.subgraphName, outcome: 'unreachable' });
      if (!('incomingRequestContext' in options)) throw unreachable;
      this.logger?.warn('subgraph unavailable', { subgraph: this.subgraphName, error: String(unreachable.cause) });
      return unavailableResponse(request);
    }
    const parsed = parseBody(reply);
    const failed = reply.status < 200 || reply.status > 299;
    timed?.({ subgraph: this.subgraphName, outcome: failed || (parsed as { errors?: unknown[] } | null)?.errors?.length ? 'error' : 'ok' });
    if (failed) throw this.errorFromReply(reply, parsed);
    if (typeof parsed !== 'object' || parsed === null) throw new Error(`Expected JSON response body, but received: ${reply.text}`);
    return parsed as GatewayGraphQLResponse;
  }

  close(): Promise<void> {
    return this.client.close();
  }

  /**
   * The in-flight key is the caller's identity headers and the body; the request id and trace
   * context go on the wire but not in the key, or no two requests would ever share a read.
   */
  private send(body: string, identityHeaders: Record<string, string>, read: boolean): Promise<SubgraphReply> {
    const headers = { ...requestContextHeaders(), ...identityHeaders };
    if (!read || !this.dedupe) return this.client.post(body, headers, read);
    const { result, joined } = this.inFlight.run(`${JSON.stringify(identityHeaders)}\n${body}`, () => this.client.post(body, headers, true));
    if (joined)
      this.metrics?.increment('studbook_gateway_deduplicated_fetches_total', 'Subgraph reads answered by an identical read already in flight', {
        subgraph: this.subgraphName,
      });
    return result;
  }

  private headersFor(context: Partial<GatewayContext>): Record<string, string> {
    if (!context.identityToken) return {};
    const headers: Record<string, string> = { [IDENTITY_HEADER]: context.identityToken };
    if (this.subgraphName !== 'user') return headers;
    if (context.sessionHash) headers[SESSION_HASH_HEADER] = context.sessionHash;
    if (context.client?.ip) headers[CLIENT_IP_HEADER] = context.client.ip;
    if (context.client?.userAgent) headers[CLIENT_AGENT_HEADER] = context.client.userAgent;
    return headers;
  }

  /**
   * A subgraph answers 400 when a variable fails its scalar's validation (a Date like 2021-02-30,
   * which the gateway passes through unchecked); that is the client's mistake, so say so.
   * Anything else is reported as @apollo/gateway's RemoteGraphQLDataSource reports it.
   */
  private errorFromReply(reply: SubgraphReply, body: unknown): GraphQLError {
    const first = (body as { errors?: { message: string; extensions?: { code?: string } }[] } | undefined)?.errors?.[0];
    if (reply.status === 400 && first?.extensions?.code === ErrorCode.BadUserInput) {
      return new GraphQLError(first.message, { extensions: { code: ErrorCode.BadUserInput } });
    }
    const code = reply.status === 401 ? 'UNAUTHENTICATED' : reply.status === 403 ? 'FORBIDDEN' : undefined;
    return new GraphQLError(`${reply.status}: ${reply.statusText}`, {
      extensions: { ...(code && { code }), response: { url: this.client.url, status: reply.status, statusText: reply.statusText, body } },
    });
  }
}

function parseBody(reply: SubgraphReply): unknown {
  const json = reply.contentType.startsWith('application/json') || reply.contentType.startsWith('application/graphql-response+json');
  return json ? JSON.parse(reply.text) : reply.text;
}
