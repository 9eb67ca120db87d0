import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
}

/** Starts a TypeScript entry point the way its npm script does (tsx), with only the given environment, in this checkout or `checkout`. */
export function spawnEntry(entry: string, env: Record<string, string>, checkout = repoRoot): RunningProcess {
  return spawnNode(['--import', 'tsx', entry], env, checkout);
}

/** Starts plain `node` with these arguments in `cwd`, with only the given environment (as a container would). */
export function spawnNode(args: string[], env: Record<string, string>, cwd: string): RunningProcess {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

/** Resolves once GET `path` on the port answers 2xx; rejects with the output if the process exits or time runs out. */
export async function waitUntilAnswering(port: number, process: RunningProcess, path = '/ready', timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null) throw new Error(`exited with ${process.child.exitCode}:\n${process.output()}`);
    const ok = await fetch(`http://127.0.0.1:${port}${path}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${path} not answering in time:\n${process.output()}`);
}

/** Resolves with the first match of `pattern` in the process's output; rejects if it exits first. */
export function waitForOutput(process: RunningProcess, pattern: RegExp, timeoutMs = 120_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(process.output());
      if (match) cleanup(), resolve(match);
    };
    const onExit = (code: number | null) => (cleanup(), reject(new Error(`exited with ${code} before ${pattern}:\n${process.output()}`)));
    const timer = setTimeout(() => (cleanup(), reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${process.output()}`))), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      process.child.stdout!.off('data', check);
      process.child.off('exit', onExit);
    };
    process.child.stdout!.on('data', check);
    process.child.once('exit', onExit);
    check();
  });
}

/** Resolves with the exit code once the process has ended by itself. */
export function exitOf(process: RunningProcess): Promise<number | null> {
  if (process.child.exitCode !== null) return Promise.resolve(process.child.exitCode);
  return new Promise((resolve) => process.child.once('exit', resolve));
}

/** Sends a signal and resolves with the exit code. */
export function stopProcess(process: RunningProcess, signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
  if (process.child.exitCode !== null) return Promise.resolve(process.child.exitCode);
  const exited = new Promise<number | null>((resolve) => process.child.once('exit', resolve));
  process.child.kill(signal);
  return exited;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
