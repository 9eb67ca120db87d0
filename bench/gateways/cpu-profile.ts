/** A V8 CPU profile as the inspector's Profiler.stop returns it. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

const INSPECTOR = 'http://127.0.0.1:9229';

/**
 * Profiles a running Node process while `during` runs, and only then (not its start-up): SIGUSR1 opens the
 * process's inspector on 127.0.0.1:9229, and the profiler is driven over it. One process at a time.
 */
export async function profileWhile<T>(pid: number, during: () => Promise<T>): Promise<{ profile: CpuProfile; result: T }> {
  process.kill(pid, 'SIGUSR1');
  let target: { webSocketDebuggerUrl: string } | undefined;
  for (let tries = 0; !target && tries < 50; tries++) {
    target = await fetch(`${INSPECTOR}/json/list`).then(
      async (r) => ((await r.json()) as { webSocketDebuggerUrl: string }[])[0],
      () => undefined,
    );
    if (!target) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!target) throw new Error(`no inspector opened by process ${pid}`);
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  let next = 0;
  const pending = new Map<number, (value: unknown) => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const id = ++next;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 500 });
  await send('Profiler.start');
  const result = await during();
  const { profile } = (await send('Profiler.stop')) as { profile: CpuProfile };
  // Closes the inspector again (not awaited: it drops this very connection), so the next process can open its own on the port.
  void send('Runtime.evaluate', { expression: "setImmediate(() => process.getBuiltinModule('node:inspector').close())" });
  for (let tries = 0; tries < 50; tries++) {
    const open = await fetch(`${INSPECTOR}/json/list`).then(
      () => true,
      () => false,
    );
    if (!open) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  socket.close();
  return { profile, result };
}

export interface Category {
  label: string;
  matches: (frame: { functionName: string; url: string }) => boolean;
}

/**
 * Where a profile's busy time went: each sample goes to the category matching the innermost of its frames that any
 * matches; a sample none matches goes to the first `fallbacks` category its own frame matches, else to 'other'.
 */
export function busyShares(profile: CpuProfile, categories: Category[], fallbacks: Category[] = []): Record<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const categoryOf = new Map<number, string>();
  const category = (id: number): string => {
    const known = categoryOf.get(id);
    if (known) return known;
    let found = 'other';
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const hit = categories.find((c) => c.matches(byId.get(at!)!.callFrame));
      if (hit) {
        found = hit.label;
        break;
      }
    }
    if (found === 'other') found = fallbacks.find((c) => c.matches(byId.get(id)!.callFrame))?.label ?? found;
    categoryOf.set(id, found);
    return found;
  };
  const time: Record<string, number> = Object.fromEntries([...[...categories, ...fallbacks].map((c) => [c.label, 0]), ['other', 0]]);
  let busy = 0;
  profile.samples.forEach((id, i) => {
    if (byId.get(id)!.callFrame.functionName === '(idle)') return;
    const delta = profile.timeDeltas[i] ?? 0;
    time[category(id)] += delta;
    busy += delta;
  });
  return Object.fromEntries(Object.entries(time).map(([label, t]) => [label, t / Math.max(1, busy)]));
}

/** The busiest places by self time, grouped by package (node_modules/<name>) or by our own file, as shares of busy time. */
export function topSelfTime(profile: CpuProfile, count: number): { where: string; share: number }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const time = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const { functionName, url } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') return;
    const delta = profile.timeDeltas[i] ?? 0;
    const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    const where = pkg ?? (url ? url.replace(/^.*?\/(packages|subgraphs|gateway)\//, '$1/') : functionName);
    time.set(where, (time.get(where) ?? 0) + delta);
    busy += delta;
  });
  return [...time.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([where, t]) => ({ where, share: t / Math.max(1, busy) }));
}
