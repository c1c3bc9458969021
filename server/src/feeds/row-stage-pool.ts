// The row-stage worker thread a server process keeps between files (row-stage-client.ts uses
// it). Building the address matcher costs far more than matching a nightly file's addresses
// (at a national gazetteer, several seconds and the whole gazetteer read, sent and indexed), so
// a worker keeps the matcher it built and serves every later file of the same gazetteer. It is
// made for one version of one database's gazetteer: a new version gets a new worker, so a file
// is never matched against a gazetteer that has since changed. Idle, it is stopped after a
// while: its heap holds the whole gazetteer index.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { FromStage } from './row-stage-messages.ts';

export interface StageWorker {
  readonly worker: Worker;
  /** The gazetteer it serves (gazetteerKey). */
  readonly key: string;
  /** It has been sent the gazetteer and built its matcher: later files need not send it. */
  holdsGazetteer: boolean;
  /** The file it works on reads its messages and hears of its end here. */
  onMessage?: (m: FromStage) => void;
  onStopped?: (why: string) => void;
  /** It stopped (crashed, ran out of memory, or was terminated): it takes no more files. */
  stopped: boolean;
}

/** How long a worker is kept with no file to stage: a nightly run's files come minutes apart,
 * and a worker holding a national gazetteer is gigabytes. */
let idleMs = 3 * 60_000;

/** Sets how long an idle worker is kept (a test waits for less than minutes). */
export function keepIdleStageWorkerFor(ms: number): void {
  idleMs = ms;
}

let kept: { w: StageWorker; busy: boolean; idle?: NodeJS.Timeout } | undefined;
let gazetteersSent = 0;
let filesStaged = 0;

/**
 * A worker for one file, matching against the gazetteer `key` (of `gazetteerSize` addresses,
 * which its heap is sized for): the kept one when it serves that gazetteer and is free, else a
 * new one. Only one file at a time uses the kept worker; a file that overlaps it gets its own.
 */
export function takeStageWorker(key: string, resourceLimits: ResourceLimits): StageWorker {
  filesStaged++;
  if (kept && !kept.busy && kept.w.key === key && !kept.w.stopped) {
    clearTimeout(kept.idle);
    kept.busy = true;
    kept.w.worker.ref();
    return kept.w;
  }
  const w = startWorker(key, resourceLimits);
  if (!kept?.busy) {
    if (kept) void stopWorker(kept.w);
    kept = { w, busy: true };
  }
  return w;
}

/** Whether the kept worker is free and already holds the matcher of gazetteer `key`. */
export function stageWorkerHolds(key: string): boolean {
  return kept !== undefined && !kept.busy && !kept.w.stopped && kept.w.key === key && kept.w.holdsGazetteer;
}

/** The file is done with the worker. One that failed, or is not the kept one, is stopped. */
export function releaseStageWorker(w: StageWorker, healthy: boolean): void {
  w.onMessage = undefined;
  w.onStopped = undefined;
  if (!healthy || kept?.w !== w) {
    void stopWorker(w);
    return;
  }
  kept.busy = false;
  // Idle, it must not keep a finished command (or a test run) from exiting.
  w.worker.unref();
  kept.idle = setTimeout(() => void stopWorker(w), idleMs);
  kept.idle.unref();
}

/** Stops the kept worker (the server stopping), and with it the gazetteer it holds. */
export async function stopStageWorker(): Promise<void> {
  if (kept) await stopWorker(kept.w);
}

/** Counts a gazetteer sent to a worker, which builds its matcher from it. */
export function countGazetteerSent(): void {
  gazetteersSent++;
}

/** What a test can see: the kept worker's thread (undefined when none is kept), how many
 * times a gazetteer was sent to a worker to build a matcher from, and how many files were
 * staged in a worker. */
export function stageWorkerStats(): { threadId: number | undefined; gazetteersSent: number; filesStaged: number } {
  return { threadId: kept && !kept.w.stopped ? kept.w.worker.threadId : undefined, gazetteersSent, filesStaged };
}

function startWorker(key: string, resourceLimits: ResourceLimits): StageWorker {
  const worker = new Worker(new URL('./row-stage-worker.mjs', import.meta.url), { resourceLimits });
  const w: StageWorker = { worker, key, holdsGazetteer: false, stopped: false };
  worker.on('message', (m: FromStage) => w.onMessage?.(m));
  worker.on('error', (e) => {
    markStopped(w);
    w.onStopped?.(`the row stage failed (${e.name})`);
  });
  worker.on('exit', (code) => {
    markStopped(w);
    w.onStopped?.(`the row stage stopped (exit ${code})`);
  });
  return w;
}

function markStopped(w: StageWorker): void {
  w.stopped = true;
  if (kept?.w === w) {
    clearTimeout(kept.idle);
    kept = undefined;
  }
}

async function stopWorker(w: StageWorker): Promise<void> {
  markStopped(w);
  await w.worker.terminate();
}
