// The row stage in a worker thread (see row-stage.ts), kept from one file to the next
// (row-stage-pool.ts). For each file it reads the file itself, tells the ingest the header, then,
// given the stewards' address decisions, sends batches of checked, address-matched rows, at most
// a few ahead of what the ingest has taken. The matcher is built from the gazetteer the first
// file brings and kept for the later ones: a worker serves one version of one gazetteer.
import { parentPort } from 'node:worker_threads';
import { openUtf8File } from './file-guard.ts';
import { FeedFileError } from './feed-file-error.ts';
import { openRowStage, type RowStage } from './row-stage.ts';
import { buildAddressMatcher, type AddressMatcher, type GazetteerEntry } from '../matching/address-match.ts';
import type { AddressDecisions } from '../matching/address-decisions.ts';
import type { ToStage, FromStage, StageStart } from './row-stage-messages.ts';

const port = parentPort!;
const send = (m: FromStage) => port.postMessage(m);

const inbox: ToStage[] = [];
let wake: (() => void) | undefined;
port.on('message', (m: ToStage) => {
  inbox.push(m);
  wake?.();
});
async function receive(): Promise<ToStage> {
  while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
  return inbox.shift()!;
}

let matcher: AddressMatcher | undefined;

/** The file's decisions once the ingest starts it (building the matcher if it sent the
 * gazetteer, in parts before the start), or undefined if it stopped the file instead. A function
 * of its own so that nothing of the gazetteer's parts outlives the matcher built from them. */
async function started(file: number): Promise<AddressDecisions | undefined> {
  const parts: GazetteerEntry[][] = [];
  for (;;) {
    const m = await receive();
    if (m.file !== file) continue;
    if (m.kind === 'cancel') return undefined;
    if (m.kind === 'gazetteer') parts.push(JSON.parse(m.json) as GazetteerEntry[]);
    if (m.kind !== 'start') continue;
    const start = JSON.parse(m.json) as StageStart;
    if (start.gazetteerParts !== undefined) {
      if (parts.length !== start.gazetteerParts) throw new Error('the row stage was sent part of the gazetteer');
      matcher = buildAddressMatcher(parts.flat());
    }
    return new Map(start.decisions);
  }
}

/** Batches of the current file the ingest is ready to take. */
let credit = 0;

/** Waits until the ingest may take one more batch of the file; false if it stopped the file. */
async function maySend(file: number): Promise<boolean> {
  while (credit === 0) {
    const m = await receive();
    if (m.file !== file) continue;
    if (m.kind === 'cancel') return false;
    if (m.kind === 'more') credit++;
  }
  credit--;
  return true;
}

async function stageFile(file: number, open: Extract<ToStage, { kind: 'open' }>): Promise<void> {
  let stage: RowStage | undefined;
  credit = 0;
  try {
    stage = await openRowStage(open.feed, openUtf8File(open.path), open.batchSize);
    send({ file, kind: 'header', header: stage.header });
    const decisions = await started(file);
    if (!decisions) return;
    if (!matcher) throw new Error('the row stage was started without a gazetteer');
    for await (const batch of stage.batches({ matcher }, decisions)) {
      if (!(await maySend(file))) return;
      send({ file, kind: 'batch', json: JSON.stringify(batch) });
    }
    send({ file, kind: 'end' });
  } catch (e) {
    // A refused file is told as such; anything else only by its kind (a message could quote a cell).
    if (e instanceof FeedFileError) send({ file, kind: 'refused', code: e.code, message: e.message });
    else send({ file, kind: 'failed', message: `the row stage failed (${e instanceof Error ? e.name : typeof e})` });
  } finally {
    stage?.close();
  }
}

// One file at a time; anything else that arrives between files is left over from a stopped one.
for (;;) {
  const m = await receive();
  if (m.kind === 'open') await stageFile(m.file, m);
}
