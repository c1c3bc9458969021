import { describe, expect, it } from 'vitest';
import { createLatestOnly } from './latest-only.ts';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createLatestOnly', () => {
  it('drops an older answer that arrives after a newer one', async () => {
    const latest = createLatestOnly<string>();
    const slow = deferred<string>();
    const fast = deferred<string>();
    const first = latest.run(() => slow.promise);
    const second = latest.run(() => fast.promise);
    fast.resolve('27 mill lane');
    slow.resolve('27 m');
    expect(await second).toEqual({ stale: false, value: '27 mill lane' });
    expect(await first).toEqual({ stale: true });
  });

  it('aborts the previous task when a new one starts', async () => {
    const latest = createLatestOnly<string>();
    let firstSignal: AbortSignal | undefined;
    void latest.run((signal) => {
      firstSignal = signal;
      return new Promise(() => {});
    });
    void latest.run(() => Promise.resolve('next'));
    expect(firstSignal?.aborted).toBe(true);
  });

  it('reports an aborted task as stale, not as an error', async () => {
    const latest = createLatestOnly<string>();
    const first = latest.run(
      (signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('x', 'AbortError')))),
    );
    latest.cancel();
    expect(await first).toEqual({ stale: true });
  });

  it('passes on the failure of the newest task', async () => {
    const latest = createLatestOnly<string>();
    await expect(latest.run(() => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
  });
});
