import { STATUS_CODES } from 'node:http';
import { Pool } from 'undici';

/**
 * Node's subgraph servers close an idle connection after 5 s (http.Server's keepAliveTimeout);
 * the pool forgets it sooner, so it never writes a request onto a socket the server is closing.
 */
const IDLE_TIMEOUT_MS = 4_000;
/** Errors of a connection that died under a request: the server closed or reset it, nothing was answered. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

export interface SubgraphReply {
  status: number;
  statusText: string;
  contentType: string;
  text: string;
}

/**
 * A keep-alive HTTP/1.1 client for one subgraph (undici's Pool): plain strings in and out, none of
 * global fetch's WHATWG streams, body tee, AbortSignal or Request objects, which cost a third of
 * the gateway's CPU in profiles.
 */
export class SubgraphClient {
  private readonly pool: Pool;
  private readonly path: string;

  /** `timeoutMs` bounds the wait for the answer's headers, and then for each part of its body. */
  constructor(
    readonly url: string,
    timeoutMs = 30_000,
  ) {
    const target = new URL(url);
    this.path = `${target.pathname}${target.search}`;
    this.pool = new Pool(target.origin, {
      keepAliveTimeout: IDLE_TIMEOUT_MS,
      keepAliveMaxTimeout: IDLE_TIMEOUT_MS,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  /**
   * POSTs a JSON body. `idempotent` requests (queries) are sent once more when the connection was
   * reset before any answer; a mutation never is, since the subgraph may have committed it.
   */
  async post(body: string, headers: Record<string, string>, idempotent: boolean): Promise<SubgraphReply> {
    try {
      return await this.send(body, headers);
    } catch (error) {
      if (!idempotent || !RESET_CODES.has((error as { code?: string }).code ?? '')) throw error;
      return this.send(body, headers);
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async send(body: string, headers: Record<string, string>): Promise<SubgraphReply> {
    const response = await this.pool.request({ method: 'POST', path: this.path, headers: { 'content-type': 'application/json', ...headers }, body });
    const contentType = response.headers['content-type'];
    return {
      status: response.statusCode,
      statusText: STATUS_CODES[response.statusCode] ?? '',
      contentType: (Array.isArray(contentType) ? contentType[0] : contentType) ?? '',
      text: await response.body.text(),
    };
  }
}
