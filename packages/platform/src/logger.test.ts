import { describe, expect, it } from 'vitest';
import { createLogger, type LoggerOptions } from './logger.js';
import { requestContextFrom, runInRequest } from './logging/request-context.js';

function capture(options: LoggerOptions = {}) {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const logger = createLogger('test', { ...options, destination: { write: (line: string) => void (raw.push(line), lines.push(JSON.parse(line))) } });
  return { logger, lines, raw };
}

describe('logger', () => {
  it('writes one JSON line with time, level, component and message', () => {
    const { logger, lines } = capture();
    logger.child('animal').warn('pool slow', { pool: 'animal', waiting: 3 });
    expect(lines).toEqual([
      { time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), level: 'warn', component: 'test.animal', message: 'pool slow', pool: 'animal', waiting: 3 },
    ]);
  });

  it('writes only from LOG_LEVEL up; silent keeps errors', () => {
    const { logger, lines } = capture({ level: 'warn' });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines.map((line) => line.level)).toEqual(['warn', 'error']);
    const quiet = capture({ silent: true });
    quiet.logger.info('i');
    quiet.logger.error('e');
    expect(quiet.lines.map((line) => line.message)).toEqual(['e']);
  });

  it('redacts secrets and personal fields by name, at the top and nested, and masks emails and credentials in any text', () => {
    const { logger, lines } = capture();
    logger.info('sign-in failed for ada@example.org', {
      password: 'hunter22hunter22',
      token: 'a'.repeat(43),
      headers: { authorization: 'Bearer abc.def', cookie: 'sid=1', 'x-studbook-identity': 'eyJ...', 'content-type': 'application/json' },
      input: { owner: { email: 'ada@example.org', phone: '+44 20 7946 0000', name: 'Ada' } },
      email: 'ada@example.org',
      error: 'duplicate key value (email)=(grace@example.com); retried with Bearer s3cr3t-token',
      userId: '1a7287ff-4f93-4cd4-a561-9b5a7c0535e4',
    });
    const [line] = lines;
    expect(line).toMatchObject({
      message: 'sign-in failed for [redacted]',
      password: '[redacted]',
      token: '[redacted]',
      headers: { authorization: '[redacted]', cookie: '[redacted]', 'x-studbook-identity': '[redacted]', 'content-type': 'application/json' },
      input: { owner: { email: '[redacted]', phone: '[redacted]', name: 'Ada' } },
      email: '[redacted]',
      error: 'duplicate key value (email)=([redacted]); retried with Bearer [redacted]',
      userId: '1a7287ff-4f93-4cd4-a561-9b5a7c0535e4',
    });
    expect(JSON.stringify(lines)).not.toMatch(/hunter22|ada@|grace@|s3cr3t|abc\.def|sid=1|7946/);
  });

  it('puts the request id and trace id on every line written inside a request', () => {
    const { logger, lines } = capture();
    const context = requestContextFrom({ 'x-request-id': 'support-42', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
    runInRequest(context, () => logger.child('gateway').info('inside'));
    logger.info('outside');
    expect(lines[0]).toMatchObject({ message: 'inside', requestId: 'support-42', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });
});

describe('request context from headers', () => {
  it('keeps a safe x-request-id, and generates one for a missing or unsafe one', () => {
    expect(requestContextFrom({ 'x-request-id': 'abc-123_X.y:z' }).requestId).toBe('abc-123_X.y:z');
    for (const unsafe of [undefined, '', 'a b', 'x'.repeat(129), '{"injected":true}']) {
      expect(requestContextFrom({ 'x-request-id': unsafe }).requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('takes the trace id of a valid W3C traceparent only', () => {
    const id = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(requestContextFrom({ traceparent: `00-${id}-00f067aa0ba902b7-01` }).traceId).toBe(id);
    for (const invalid of [
      `01-${id}-00f067aa0ba902b7-01`,
      `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
      `00-${id}-${'0'.repeat(16)}-01`,
      `00-${id.toUpperCase()}-00f067aa0ba902b7-01`,
      'garbage',
    ]) {
      expect(requestContextFrom({ traceparent: invalid }).traceId).toBeUndefined();
    }
  });
});
