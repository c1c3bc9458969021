// The ingest's side of the row-stage worker thread (row-stage-thread.ts): the same batches as
// the in-thread stage, read and matched on another core.
import { Worker } from 'node:worker_threads';
import type { AddressDecisions } from '../matching/address-decisions.ts';
import type { FeedId } from '@mast/shared';
import { FeedFileError } from './feed-file-error.ts';
import type { FromStage, StageStart, ToStage } from './row-stage-messages.ts';
import type { RowStage, StageBatch } from './row-stage.ts';

/** Batches the worker may read ahead of the ingest: enough to keep it busy, few enough to bound memory. */
const AHEAD = 2;

/**
 * The worker's heap, sized to what it holds: the gazetteer and its indexes (about 1.1 kB an
 * address), a bounded cache of matched spellings and a few batches. Without limits V8 sizes a
 * worker's heap like a process's and a million-row file peaked 0.4 GB higher for nothing.
 * The young generation is where a batch's rows live until they are posted: at 48 MB they
 * outlived it and were copied out, and garbage collection took a fifth of the worker's CPU.
 * At 96 MB a 200k-row police file took about 0.7 CPU-seconds less (alternating runs, noisy
 * machine) for some 35 MB more peak memory; 144 MB saved a little more for another 50 MB.
 */
function heapLimits(gazetteerSize: number): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  return { maxOldGenerationSizeMb: 192 + Math.ceil((gazetteerSize * 1.5) / 1024), maxYoungGenerationSizeMb: 96 };
}

export async function openRowStageInWorker(feed: FeedId, path: string, batchSize: number, gazetteerSize: number): Promise<RowStage> {
  const worker = new Worker(new URL('./row-stage-worker.mjs', import.meta.url), {
    workerData: { feed, path, batchSize },
    resourceLimits: heapLimits(gazetteerSize),
  });
  const inbox: FromStage[] = [];
  let notify: (() => void) | undefined;
  let finished = false;
  const deliver = (m: FromStage) => {
    inbox.push(m);
    notify?.();
  };
  worker.on('message', deliver);
  worker.on('error', (e) => deliver({ kind: 'failed', message: `the row stage failed (${e.name})` }));
  worker.on('exit', (code) => {
    if (!finished) deliver({ kind: 'failed', message: `the row stage stopped (exit ${code})` });
  });
  const post = (m: ToStage) => worker.postMessage(m);
  const close = () => {
    finished = true;
    void worker.terminate();
  };
  const next = async (): Promise<FromStage> => {
    while (inbox.length === 0) await new Promise<void>((resolve) => (notify = resolve));
    return inbox.shift()!;
  };
  const fail = (m: FromStage): never => {
    close();
    if (m.kind === 'refused') throw new FeedFileError(m.code, m.message);
    throw new Error(m.kind === 'failed' ? m.message : `the row stage sent ${m.kind} out of turn`);
  };

  async function* received(): AsyncGenerator<StageBatch> {
    for (;;) {
      const m = await next();
      if (m.kind === 'batch') {
        post({ kind: 'more' });
        yield JSON.parse(m.json) as StageBatch;
      } else if (m.kind === 'end') {
        close();
        return;
      } else fail(m);
    }
  }

  const first = await next();
  if (first.kind !== 'header') return fail(first);
  return {
    header: first.header,
    close,
    batches(addresses, decisions: AddressDecisions) {
      // A built matcher cannot cross to another thread: the worker builds its own.
      if (!('gazetteer' in addresses)) throw new Error('the row-stage worker needs the gazetteer, not a matcher');
      const start: StageStart = { gazetteer: addresses.gazetteer, decisions: [...decisions] };
      post({ kind: 'start', json: JSON.stringify(start) });
      for (let k = 0; k < AHEAD; k++) post({ kind: 'more' });
      // The gazetteer now lives in the worker: the generator below holds no reference to it.
      return received();
    },
  };
}
