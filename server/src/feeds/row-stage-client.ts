// The ingest's side of the row-stage worker thread (row-stage-thread.ts): the same batches as
// the in-thread stage, read and matched on another core, by a worker kept between files
// (row-stage-pool.ts) so that the gazetteer is sent and indexed once, not once a file.
import type { ResourceLimits } from 'node:worker_threads';
import type { FeedId } from '@mast/shared';
import type { AddressDecisions } from '../matching/address-decisions.ts';
import type { GazetteerVersion } from '../matching/load-address-matcher.ts';
import { FeedFileError } from './feed-file-error.ts';
import type { FromStage, StageStart, ToStage } from './row-stage-messages.ts';
import type { RowStage, StageBatch } from './row-stage.ts';
import { countGazetteerSent, releaseStageWorker, takeStageWorker } from './row-stage-pool.ts';

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
 * A kept worker serves one gazetteer, so the size it was made for stays right.
 */
function heapLimits(gazetteerSize: number): ResourceLimits {
  return { maxOldGenerationSizeMb: 192 + Math.ceil((gazetteerSize * 1.5) / 1024), maxYoungGenerationSizeMb: 96 };
}

/** Numbers the files staged in this process: the worker's messages say which file they are about. */
let files = 0;

/** Gazetteer entries a message (row-stage-messages.ts says why the gazetteer goes in parts):
 * some 16 million characters of JSON, a small share of the gazetteer in flight at once. */
let gazetteerPart = 100_000;

/** Sets how many gazetteer entries go in a message (a test sends a small gazetteer in many). */
export function sendGazetteerInPartsOf(entries: number): void {
  gazetteerPart = entries;
}

export async function openRowStageInWorker(feed: FeedId, path: string, batchSize: number, gazetteer: GazetteerVersion): Promise<RowStage> {
  const w = takeStageWorker(gazetteer.key, heapLimits(gazetteer.addresses));
  const file = ++files;
  const inbox: FromStage[] = [];
  let notify: (() => void) | undefined;
  /** The worker has said the last of this file (its end, a refusal or a failure). */
  let told = false;
  let released = false;
  let healthy = true;
  const deliver = (m: FromStage) => {
    inbox.push(m);
    notify?.();
  };
  w.onMessage = (m) => {
    if (m.file === file) deliver(m);
  };
  w.onStopped = (message) => deliver({ file, kind: 'failed', message });
  const post = (m: ToStage) => w.worker.postMessage(m);
  const close = () => {
    if (released) return;
    released = true;
    // Mid-file, the worker is told to drop the file, and is then ready for the next one.
    if (!told && healthy) post({ kind: 'cancel', file });
    releaseStageWorker(w, healthy);
  };
  const next = async (): Promise<FromStage> => {
    while (inbox.length === 0) await new Promise<void>((resolve) => (notify = resolve));
    const m = inbox.shift()!;
    if (m.kind === 'end' || m.kind === 'refused' || m.kind === 'failed') told = true;
    // A worker that failed, or said something out of turn, is not trusted with another file.
    if (m.kind === 'failed') healthy = false;
    return m;
  };
  const fail = (m: FromStage): never => {
    if (m.kind !== 'refused') healthy = false;
    close();
    if (m.kind === 'refused') throw new FeedFileError(m.code, m.message);
    throw new Error(m.kind === 'failed' ? m.message : `the row stage sent ${m.kind} out of turn`);
  };

  async function* received(): AsyncGenerator<StageBatch> {
    for (;;) {
      const m = await next();
      if (m.kind === 'batch') {
        post({ kind: 'more', file });
        yield JSON.parse(m.json) as StageBatch;
      } else if (m.kind === 'end') {
        close();
        return;
      } else fail(m);
    }
  }

  post({ kind: 'open', file, feed, path, batchSize });
  const first = await next();
  if (first.kind !== 'header') return fail(first);
  return {
    header: first.header,
    holdsGazetteer: w.holdsGazetteer,
    close,
    batches(addresses, decisions: AddressDecisions) {
      let start: StageStart;
      if ('gazetteer' in addresses) {
        const { gazetteer } = addresses;
        let parts = 0;
        for (let at = 0; at < gazetteer.length; at += gazetteerPart, parts++) {
          post({ kind: 'gazetteer', file, json: JSON.stringify(gazetteer.slice(at, at + gazetteerPart)) });
        }
        start = { gazetteerParts: parts, decisions: [...decisions] };
        w.holdsGazetteer = true;
        countGazetteerSent();
      } else if ('held' in addresses && w.holdsGazetteer) start = { decisions: [...decisions] };
      // A built matcher cannot cross to another thread: the worker builds its own.
      else throw new Error('the row-stage worker needs the gazetteer, not a matcher');
      post({ kind: 'start', file, json: JSON.stringify(start) });
      for (let k = 0; k < AHEAD; k++) post({ kind: 'more', file });
      // The gazetteer now lives in the worker: the generator below holds no reference to it.
      return received();
    },
  };
}
