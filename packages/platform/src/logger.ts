/** A tiny structured logger: one JSON line per event, labelled by component. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(component: string): Logger;
}

type Level = 'info' | 'warn' | 'error';

export function createLogger(component: string, options: { silent?: boolean } = {}): Logger {
  const write = (level: Level, message: string, fields?: Record<string, unknown>) => {
    if (options.silent && level !== 'error') return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, component, message, ...fields });
    (level === 'error' ? process.stderr : process.stdout).write(line + '\n');
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (name) => createLogger(`${component}.${name}`, options),
  };
}
