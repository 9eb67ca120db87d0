import pino from 'pino';
import { currentRequest } from './logging/request-context.js';
import { REDACT_PATHS, REDACTED, scrubText, scrubValues } from './logging/redaction.js';

/** A structured logger: one JSON line per event, labelled by component, with the request's ids when inside one. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(component: string): Logger;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  /** The lowest level written; default info. */
  level?: LogLevel;
  /** Only errors (LOG_SILENT, the tests' setting); a level below error is raised to it. */
  silent?: boolean;
  /** Where lines go; default stdout. Tests pass a stream to read them. */
  destination?: pino.DestinationStream;
}

/**
 * pino behind our interface. Every line has time, level, component and message; inside a request
 * also requestId and traceId (the OpenTelemetry trace when tracing is on, else the caller's traceparent's). Secrets and personal fields
 * are redacted by name, and emails and credentials masked in any text (logging/redaction.ts).
 */
export function createLogger(component: string, options: LoggerOptions = {}): Logger {
  const level = options.silent && options.level !== 'silent' ? 'error' : (options.level ?? 'info');
  const root = pino(
    {
      level,
      base: null, // no pid or hostname: the platform that collects the lines knows where they came from
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => scrubValues(fields) as Record<string, unknown>,
      },
      mixin() {
        const request = currentRequest();
        return request ? { requestId: request.requestId, ...(request.traceId ? { traceId: request.traceId } : {}) } : {};
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return wrap(root, component);
}

// Every logger is a child of the one root with its own component: pino would repeat the key for a child of a child.
function wrap(root: pino.Logger, component: string): Logger {
  const log = root.child({ component });
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) =>
    fields ? log[level](fields, scrubText(message)) : log[level](scrubText(message));
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (name) => wrap(root, `${component}.${name}`),
  };
}
