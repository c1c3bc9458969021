// The row stage in a worker thread (see row-stage.ts). It reads the file itself, tells the
// ingest the header, then, given the gazetteer and the stewards' address decisions, sends
// batches of checked, address-matched rows, at most a few ahead of what the ingest has taken.
import { parentPort, workerData } from 'node:worker_threads';
import type { FeedId } from '@mast/shared';
import { openUtf8File } from './file-guard.ts';
import { FeedFileError } from './feed-file-error.ts';
import { openRowStage, type RowStage, type StageBatch } from './row-stage.ts';
import type { ToStage, FromStage, StageStart } from './row-stage-messages.ts';

const { feed, path, batchSize } = workerData as { feed: FeedId; path: string; batchSize: number };
const port = parentPort!;
const send = (m: FromStage) => port.postMessage(m);

let credit = 0;
let wake: (() => void) | undefined;
let start: ((m: StageStart) => void) | undefined;
let started: Promise<StageStart> | undefined = new Promise<StageStart>((resolve) => (start = resolve));

/** The batches, once the ingest sends the gazetteer; nothing here keeps the gazetteer after. */
async function startBatches(stage: RowStage): Promise<AsyncIterable<StageBatch>> {
  const { gazetteer, decisions } = await started!;
  started = undefined;
  return stage.batches({ gazetteer }, new Map(decisions));
}
port.on('message', (m: ToStage) => {
  if (m.kind === 'start') start!(JSON.parse(m.json) as StageStart);
  else if (m.kind === 'more') {
    credit++;
    wake?.();
  }
});

try {
  const stage = await openRowStage(feed, openUtf8File(path), batchSize);
  send({ kind: 'header', header: stage.header });
  for await (const batch of await startBatches(stage)) {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    send({ kind: 'batch', json: JSON.stringify(batch) });
  }
  send({ kind: 'end' });
} catch (e) {
  // A refused file is told as such; anything else only by its kind (a message could quote a cell).
  if (e instanceof FeedFileError) send({ kind: 'refused', code: e.code, message: e.message });
  else send({ kind: 'failed', message: `the row stage failed (${e instanceof Error ? e.name : typeof e})` });
}
