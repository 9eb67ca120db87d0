import type { IncomingMessage } from 'node:http';

/** What the gateway knows about the client: shown to users in their sessions list, never used for authorisation. */
export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

/**
 * The client's address and User-Agent. X-Forwarded-For is client-controlled, so it is read only
 * when `trustedProxyHops` load balancers sit in front: then the address is the one the outermost
 * trusted proxy appended (that many entries from the right), and anything further left is ignored.
 */
export function clientOf(request: IncomingMessage, trustedProxyHops = 0): ClientInfo {
  const userAgent = header(request, 'user-agent')?.slice(0, 512);
  let ip = request.socket.remoteAddress;
  if (trustedProxyHops > 0) {
    const forwarded = (header(request, 'x-forwarded-for') ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    ip = forwarded[forwarded.length - trustedProxyHops] ?? ip;
  }
  return { ip: ip?.replace(/^::ffff:/, '').slice(0, 64), userAgent };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
