import type { FormattedExecutionResult as ExecutionResult } from 'graphql';

/**
 * One subscriber's outgoing events as the async generator graphql-ws iterates. Events are pushed
 * by a feed; before each is handed over, `beforeEach` runs (the session-token check), so nothing
 * reaches a connection whose session was signed out. return() (client complete, socket closed)
 * runs `onClose` once.
 */
export class DeliveryStream implements AsyncGenerator<ExecutionResult, undefined, unknown> {
  private readonly buffer: ExecutionResult[] = [];
  private waiting?: { resolve: (result: IteratorResult<ExecutionResult, undefined>) => void; reject: (error: unknown) => void };
  private failure?: unknown;
  private ending = false;
  private closed = false;

  constructor(
    private readonly beforeEach: () => Promise<boolean>,
    private readonly onClose: () => void,
    /** A subscriber this far behind is dropped rather than buffered without end. */
    private readonly maxBuffered = 10_000,
  ) {}

  push(result: ExecutionResult): void {
    if (this.closed) return;
    if (this.buffer.length >= this.maxBuffered) {
      this.fail(new Error('Subscriber too slow: events dropped'));
      return;
    }
    this.buffer.push(result);
    this.flush();
  }

  /** Ends the stream once what is buffered has gone out; the server then sends `complete`. */
  end(): void {
    if (this.closed) return;
    this.ending = true;
    this.flush();
  }

  /** Ends the stream with an error the server sends as the operation's `error` message. */
  fail(error: unknown): void {
    if (this.closed) return;
    this.failure = error;
    this.flush();
  }

  async next(): Promise<IteratorResult<ExecutionResult, undefined>> {
    if (this.closed) return { value: undefined, done: true };
    const result = await new Promise<IteratorResult<ExecutionResult, undefined>>((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.flush();
    });
    if (result.done) return result;
    if (!(await this.beforeEach())) return this.return();
    return result;
  }

  async return(): Promise<IteratorResult<ExecutionResult, undefined>> {
    if (!this.closed) {
      this.closed = true;
      this.buffer.length = 0;
      this.onClose();
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.resolve({ value: undefined, done: true });
    }
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult, undefined>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  async [Symbol.asyncDispose]() {
    await this.return();
  }

  private flush(): void {
    const waiting = this.waiting;
    if (!waiting) return;
    if (this.buffer.length > 0) {
      this.waiting = undefined;
      waiting.resolve({ value: this.buffer.shift()!, done: false });
    } else if (this.ending) {
      this.waiting = undefined;
      this.closed = true;
      this.onClose();
      waiting.resolve({ value: undefined, done: true });
    } else if (this.failure !== undefined) {
      this.waiting = undefined;
      const failure = this.failure;
      this.closed = true;
      this.onClose();
      waiting.reject(failure);
    }
  }
}
