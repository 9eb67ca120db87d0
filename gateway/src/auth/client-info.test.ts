import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientOf } from './client-info.js';

const request = (remoteAddress: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;

describe('clientOf', () => {
  it('uses the socket address and ignores X-Forwarded-For unless proxies are trusted', () => {
    const forged = request('::ffff:10.0.0.5', { 'x-forwarded-for': '6.6.6.6', 'user-agent': 'curl/8' });
    expect(clientOf(forged)).toEqual({ ip: '10.0.0.5', userAgent: 'curl/8' });
  });

  it('takes the entry the outermost trusted proxy appended, whatever the client prepended', () => {
    const behindOne = request('10.0.0.2', { 'x-forwarded-for': '6.6.6.6, 203.0.113.9' });
    expect(clientOf(behindOne, 1).ip).toBe('203.0.113.9');
    const behindTwo = request('10.0.0.2', { 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.0.0.7' });
    expect(clientOf(behindTwo, 2).ip).toBe('203.0.113.9');
    expect(clientOf(request('10.0.0.2'), 1).ip).toBe('10.0.0.2');
  });
});
