import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSuperseded, QueryQueue, SupersededError } from '../../src/db/query-queue.ts';

/** A task whose end the test controls. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((ok, ko) => {
    resolve = ok;
    reject = ko;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('QueryQueue', () => {
  it('runs tasks one at a time, in order', async () => {
    const queue = new QueryQueue();
    const log: string[] = [];
    const first = deferred<string>();
    const a = queue.enqueue(async () => {
      log.push('a start');
      const value = await first.promise;
      log.push('a end');
      return value;
    });
    const b = queue.enqueue(async () => {
      log.push('b start');
      return 'b';
    });
    await tick();
    expect(log).toEqual(['a start']);
    first.resolve('a');
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start']);
  });

  it('goes on after a failing task, which rejects with its own error', async () => {
    const queue = new QueryQueue();
    const failing = queue.enqueue(async () => {
      throw new Error('Binder Error: table missing');
    });
    const next = queue.enqueue(async () => 42);
    await expect(failing).rejects.toThrow('table missing');
    await expect(next).resolves.toBe(42);
  });

  it('turns a synchronous throw into a rejection', async () => {
    const queue = new QueryQueue();
    const failing = queue.enqueue((() => {
      throw new Error('boom');
    }) as () => Promise<void>);
    await expect(failing).rejects.toThrow('boom');
    await expect(queue.enqueue(async () => 'ok')).resolves.toBe('ok');
  });

  it('drops a waiting task superseded by a newer one with the same key; it never runs', async () => {
    const queue = new QueryQueue();
    const blocker = deferred<void>();
    const ran: string[] = [];
    queue.enqueue(() => blocker.promise);
    const old = queue.enqueue(async () => ran.push('old'), 'map');
    const other = queue.enqueue(async () => ran.push('other'), 'panel');
    const fresh = queue.enqueue(async () => ran.push('new'), 'map');
    await expect(old).rejects.toBeInstanceOf(SupersededError);
    expect(queue.pendingCount).toBe(2);
    blocker.resolve();
    await Promise.all([other, fresh]);
    expect(ran).toEqual(['other', 'new']);
  });

  it('signals a running task that it was superseded and ignores its result', async () => {
    const queue = new QueryQueue();
    const release = deferred<string>();
    let cancelled = 0;
    const old = queue.enqueue((signal) => {
      signal.onSuperseded(() => cancelled++);
      return release.promise;
    }, 'map');
    await tick();
    const fresh = queue.enqueue(async () => 'new result', 'map');
    expect(cancelled).toBe(1);
    release.resolve('stale result');
    const error = await old.catch((e: unknown) => e);
    expect(isSuperseded(error)).toBe(true);
    expect((error as SupersededError).message).toMatch(/remplacée par une plus récente/);
    await expect(fresh).resolves.toBe('new result');
  });

  it('reports superseded rather than the error of a cancelled query', async () => {
    const queue = new QueryQueue();
    const old = queue.enqueue(
      (signal) =>
        new Promise((_, reject) =>
          signal.onSuperseded(() => reject(new Error('INTERRUPT Error: Interrupted!'))),
        ),
      'map',
    );
    await tick();
    const fresh = queue.enqueue(async () => 1, 'map');
    await expect(old).rejects.toBeInstanceOf(SupersededError);
    await expect(fresh).resolves.toBe(1);
  });

  it('never lets two tasks overlap and settles every task (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ key: fc.constantFrom(null, 'a', 'b'), fails: fc.boolean() }), {
          minLength: 1,
          maxLength: 30,
        }),
        async (tasks) => {
          const queue = new QueryQueue();
          let active = 0;
          let maxActive = 0;
          const outcomes = await Promise.allSettled(
            tasks.map((task, index) =>
              queue.enqueue(async () => {
                active++;
                maxActive = Math.max(maxActive, active);
                await tick();
                active--;
                if (task.fails) throw new Error(`task ${index}`);
                return index;
              }, task.key),
            ),
          );
          expect(maxActive).toBe(1);
          // The last task of each key is never superseded.
          const lastOfKey = new Map<string, number>();
          tasks.forEach((task, index) => {
            if (task.key !== null) lastOfKey.set(task.key, index);
          });
          outcomes.forEach((outcome, index) => {
            const task = tasks[index];
            if (task === undefined) throw new Error('missing task');
            if (outcome.status === 'fulfilled') expect(outcome.value).toBe(index);
            else if (isSuperseded(outcome.reason)) {
              expect(task.key).not.toBeNull();
              expect(lastOfKey.get(task.key ?? '')).toBeGreaterThan(index);
            } else expect(task.fails).toBe(true);
          });
          for (const index of lastOfKey.values()) {
            const outcome = outcomes[index];
            expect(outcome?.status === 'rejected' && isSuperseded(outcome.reason)).toBe(false);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
