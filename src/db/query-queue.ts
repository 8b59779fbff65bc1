/**
 * A serial task queue with supersession: tasks run one at a time in order, and a task enqueued
 * with a key replaces the older task of the same key. A replaced task still waiting is dropped;
 * a replaced task already running is told so (to cancel its query) and its result is ignored.
 * Either way its promise rejects with a {@link SupersededError}. Pure: no DuckDB here.
 */

/** The task was replaced by a newer one with the same key; its result, if any, was ignored. */
export class SupersededError extends Error {
  readonly key: string;

  constructor(key: string) {
    super(`Requête remplacée par une plus récente (${key}).`);
    this.name = 'SupersededError';
    this.key = key;
  }
}

/** Whether an error only says that a newer query took the place of this one. */
export function isSuperseded(error: unknown): error is SupersededError {
  return error instanceof SupersededError;
}

/** What a running task can ask: whether it was superseded, and to be told when it is. */
export interface TaskSignal {
  readonly superseded: boolean;
  /** Calls `listener` once when the task is superseded (at once if it already is). */
  onSuperseded(listener: () => void): void;
}

interface Entry {
  key: string | null;
  run: (signal: TaskSignal) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  signal: MutableSignal;
}

class MutableSignal implements TaskSignal {
  superseded = false;
  private listeners: (() => void)[] = [];

  onSuperseded(listener: () => void): void {
    if (this.superseded) listener();
    else this.listeners.push(listener);
  }

  supersede(): void {
    if (this.superseded) return;
    this.superseded = true;
    for (const listener of this.listeners.splice(0)) listener();
  }
}

/** See the module comment. */
export class QueryQueue {
  private readonly waiting: Entry[] = [];
  private running: Entry | null = null;

  /** Tasks waiting, not counting the running one. */
  get pendingCount(): number {
    return this.waiting.length;
  }

  /** Whether a task is running. */
  get busy(): boolean {
    return this.running !== null;
  }

  /**
   * Queues `run`; it starts once every task queued before it has settled. With a `key`, any older
   * task of that key is superseded.
   */
  enqueue<T>(run: (signal: TaskSignal) => Promise<T>, key: string | null = null): Promise<T> {
    if (key !== null) this.supersede(key);
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({
        key,
        run,
        resolve: resolve as (value: unknown) => void,
        reject,
        signal: new MutableSignal(),
      });
      this.pump();
    });
  }

  private supersede(key: string): void {
    for (let index = this.waiting.length - 1; index >= 0; index--) {
      const entry = this.waiting[index];
      if (entry?.key === key) {
        this.waiting.splice(index, 1);
        entry.signal.supersede();
        entry.reject(new SupersededError(key));
      }
    }
    if (this.running?.key === key) this.running.signal.supersede();
  }

  private pump(): void {
    if (this.running !== null) return;
    const entry = this.waiting.shift();
    if (entry === undefined) return;
    this.running = entry;
    const settle = (outcome: () => void) => {
      this.running = null;
      outcome();
      this.pump();
    };
    let started: Promise<unknown>;
    try {
      started = entry.run(entry.signal);
    } catch (error) {
      started = Promise.reject(error);
    }
    started.then(
      (value) =>
        settle(() =>
          entry.signal.superseded && entry.key !== null
            ? entry.reject(new SupersededError(entry.key))
            : entry.resolve(value),
        ),
      (error: unknown) =>
        settle(() =>
          entry.reject(
            entry.signal.superseded && entry.key !== null ? new SupersededError(entry.key) : error,
          ),
        ),
    );
  }
}
