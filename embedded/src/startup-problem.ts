import net from 'node:net';

/**
 * Something on this machine keeps `npm start` from working, said in one sentence that names what to
 * do. index.ts prints only the sentence and exits 1: a stack trace would tell a user nothing more.
 */
export class StartupProblem extends Error {
  override readonly name = 'StartupProblem';
}

/** Refuses a port another program holds, naming the variable that moves ours. */
export async function ensurePortFree(port: number, host: string, variable: string): Promise<void> {
  if (port === 0) return;
  const server = net.createServer();
  const problem = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    server.once('error', resolve);
    server.listen(port, host, () => resolve(undefined));
  });
  if (!problem) return new Promise((resolve) => server.close(() => resolve()));
  if (problem.code === 'EADDRINUSE') throw new StartupProblem(`Port ${port} is in use by another program: stop it, or set ${variable} to a free port.`);
  if (problem.code === 'EACCES') throw new StartupProblem(`Port ${port} needs privileges this user lacks: set ${variable} to a port above 1023.`);
  throw new StartupProblem(`Cannot listen on ${host}:${port} (${problem.code}): set ${variable} to a free port, or HOST to an address of this machine.`);
}

/**
 * Until the returned function is called, a StartupProblem that escapes ends the process with its one
 * sentence and exit code 1 (an ES module's failed top-level await arrives as an uncaught exception).
 */
export function explainStartupProblems(): () => void {
  const explain = (error: Error) => {
    // Anything else is a defect of ours: its stack is what a bug report needs.
    process.stderr.write(error instanceof StartupProblem ? `\n  Studbook cannot start: ${error.message}\n\n` : `${error.stack ?? error}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', explain);
  return () => process.off('uncaughtException', explain);
}
