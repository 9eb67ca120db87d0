/**
 * Shares one pending result among identical concurrent calls. The entry goes as soon as the work
 * settles, so nothing is cached: a call that starts after the answer arrived does the work again.
 */
export class InFlight<T> {
  private readonly pending = new Map<string, Promise<T>>();

  /** Runs `start` unless a call with this key is still pending; `joined` says whether one was. */
  run(key: string, start: () => Promise<T>): { result: Promise<T>; joined: boolean } {
    const existing = this.pending.get(key);
    if (existing) return { result: existing, joined: true };
    const result = start().finally(() => this.pending.delete(key));
    this.pending.set(key, result);
    return { result, joined: false };
  }
}
