// One chain of database work, run in order, that the caller need not wait on at once: the feed
// pipeline pushes a batch's writes and goes on matching the next batch. A transaction's queries
// must not interleave, so everything the pipeline sends goes through here. After a failure
// nothing more runs, and the failure surfaces at the next drain (or run).
export class SerialWriter {
  private tail: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  /** Queues work without waiting for it; a failure is reported by the next drain(). */
  push(work: () => Promise<void>): void {
    this.tail = this.tail.then(async () => {
      if (this.failure) return;
      try {
        await work();
      } catch (error) {
        this.failure = { error };
      }
    });
  }

  /** Queues work and waits for its result (after everything queued before it). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    let result: T | undefined;
    this.push(async () => {
      result = await work();
    });
    await this.drain();
    return result as T;
  }

  /** Waits until everything queued so far has run; throws the first failure, if any. */
  async drain(): Promise<void> {
    await this.tail;
    if (this.failure) throw this.failure.error;
  }
}
