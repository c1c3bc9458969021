// The row stage in a worker thread (see row-stage.ts). It reads the file itself, tells the
// ingest the header, then, given the gazetteer and the stewards' address decisions, sends
// batches of checked, address-matched rows, at most a few ahead of what the ingest has taken.
import { parentPort, workerData } from 'node:worker_threads';
import type { FeedId } from '@mast/shared';
import { openUtf8File } from './file-guard.ts';
import { FeedFileError } from './feed-file-error.ts';
import { openRowStage } from './row-stage.ts';
import type { ToStage, FromStage, StageStart } from './row-stage-messages.ts';

const { feed, path, batchSize } = workerData as { feed: FeedId; path: string; batchSize: number };
const port = parentPort!;
const send = (m: FromStage) => port.postMessage(m);

let credit = 0;
let wake: (() => void) | undefined;
let start: ((m: StageStart) => void) | undefined;
const started = new Promise<StageStart>((resolve) => (start = resolve));
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
  const { gazetteer, decisions } = await started;
  for await (const batch of stage.batches({ gazetteer }, new Map(decisions))) {
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
