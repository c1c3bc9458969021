// Runs async tasks so that only the newest one's answer counts: starting a task aborts the one
// before it, and an answer that arrives after a newer task started is dropped. This stops a slow
// reply for "27 m" from replacing the results for "27 mill lane".

export type Outcome<T> = { stale: false; value: T } | { stale: true };

export interface LatestOnly<T> {
  run(task: (signal: AbortSignal) => Promise<T>): Promise<Outcome<T>>;
  /** Abort whatever is running and drop its answer. */
  cancel(): void;
}

export function createLatestOnly<T>(): LatestOnly<T> {
  let generation = 0;
  let controller: AbortController | null = null;

  return {
    async run(task) {
      controller?.abort();
      const mine = ++generation;
      const current = new AbortController();
      controller = current;
      try {
        const value = await task(current.signal);
        return mine === generation ? { stale: false, value } : { stale: true };
      } catch (error) {
        if (mine !== generation || current.signal.aborted) return { stale: true };
        throw error;
      }
    },
    cancel() {
      generation++;
      controller?.abort();
      controller = null;
    },
  };
}
