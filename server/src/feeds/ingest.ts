// The feed pipeline: a partner's CSV in, an upload report out. Every row is accepted or
// rejected with its row number and reasons; columns outside the contract are never read into
// the database; a file is applied in one transaction, so it lands whole or not at all.
// Never logs or reports a cell's value: reasons name columns only.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { FEED_CONTRACTS, contractColumns, type FeedContract, type FeedId, type FeedRecord } from '@mast/shared';
import {
  type Database,
  type Db,
  closeCasesMissingFrom,
  confirmLatestSnapshot,
  createUpload,
  releaseShaOfEmptyUploads,
  deletePersonRecords,
  deleteInvolvements,
  findUploadBySha,
  finishUpload,
  getTeamIds,
  insertRejectedRows,
  lockPersonLinking,
  upsertInvolvements,
  createPersons,
  reservePersonIds,
  queueReviewPairsBySource,
  queueAddressReviews,
  retentionCutoffs,
  settlePersons,
  type InvolvementInsert,
  type NewAddressReview,
  type NewReviewPairBySource,
  type PersonRecordInsert,
  sql,
} from '@mast/db';
import { openUtf8File, sha256OfFile } from './file-guard.ts';
import { openRowStage, type Rejection, type RowStage, type StageBatch, type StagedRow } from './row-stage.ts';
import { UploadTally, type PreparedCounts, type ReceivedFile } from './upload-tally.ts';
import { openRowStageInWorker } from './row-stage-client.ts';
import { stageWorkerHolds } from './row-stage-pool.ts';
import { FeedFileError } from './feed-file-error.ts';
import { SerialWriter } from './serial-writer.ts';
import { IdPool } from './id-pool.ts';
import { currentGazetteer, loadGazetteerEntries } from '../matching/load-address-matcher.ts';
import { loadAddressDecisions } from '../matching/address-decisions.ts';
import { loadPersonLinker, sourceOfKey, type PersonLinker } from '../matching/person-linker.ts';
import { normalisePostcode } from '../matching/address-normalise.ts';

export type { Rejection } from './row-stage.ts';

// The report's shape is shared with the API, the command line and the SFTP outbox report.
import type { UploadReport } from '@mast/shared';
export type { UploadReport };

export interface IngestOptions {
  feed: FeedId;
  path: string;
  /** The name the partner gave the file (defaults to the path's base name). */
  fileName?: string;
  /** The clock (defaults to the real one): rows over 12 months old by it are refused. */
  now?: Date;
  /** When the file arrived (defaults to `now`): the upload's time, the day its snapshot closes
   * cases on, and the time a snapshot sent again confirms. A queued file is applied later. */
  receivedAt?: Date;
  /** How the file arrived (sftp, https, cli), kept with the upload. */
  via?: 'sftp' | 'https' | 'cli';
  /** Runs inside the file's transaction once its rows are written: a job marks itself done
   * here, so "applied" and "done" commit together or not at all. */
  onCommit?: (tx: Db, report: UploadReport) => Promise<void>;
  /** Where rows are read and addresses matched: a worker thread for big files, big gazetteers
   * or when the kept worker already holds the gazetteer (see openStage), this thread otherwise;
   * set to choose. */
  rowStage?: 'thread' | 'worker';
  /** Called inside the transaction after each batch is written, with the rows read so far. */
  progress?: (rowsRead: number) => Promise<void>;
}

const BATCH_SIZE = 2000;
/** Person ids reserved per round trip. */
const ID_BLOCK = 10 * BATCH_SIZE;

/** Files from this size up are read and address-matched in a worker thread (the caller may
 * choose with `rowStage`; the server takes MAST_INGEST_WORKER through config.ts): starting one
 * and building its matcher costs about a second, which a small file would not win back (the
 * worker is then kept for the files after, row-stage-pool.ts). */
const WORKER_MIN_BYTES = 4 * 1024 * 1024;
/** From this many addresses a small file goes to the worker too: in the ingest's own thread the
 * matcher is built again for every file, seconds each at a region's or a nation's gazetteer,
 * where the kept worker builds it once. */
const WORKER_MIN_ADDRESSES = 500_000;

/** Where the file's rows are read and matched: the kept worker whenever it already holds this
 * gazetteer (a small file then costs it nothing to start), a worker for a big file or a big
 * gazetteer, this thread otherwise. */
async function openStage(database: Database, bytes: number, opts: IngestOptions): Promise<RowStage> {
  const inThread = () => openRowStage(opts.feed, openUtf8File(opts.path), BATCH_SIZE);
  if (opts.rowStage === 'thread') return inThread();
  const gazetteer = await currentGazetteer(database.db);
  const inWorker =
    opts.rowStage === 'worker' || bytes >= WORKER_MIN_BYTES || gazetteer.addresses >= WORKER_MIN_ADDRESSES || stageWorkerHolds(gazetteer.key);
  return inWorker ? openRowStageInWorker(opts.feed, opts.path, BATCH_SIZE, gazetteer) : inThread();
}

export async function ingestFeedFile(database: Database, opts: IngestOptions): Promise<UploadReport> {
  const contract = FEED_CONTRACTS[opts.feed];
  if (!contract) throw new FeedFileError('unknown_feed', 'There is no such feed.');
  const now = opts.now ?? new Date();
  const receivedAt = opts.receivedAt ?? now;
  const fileName = opts.fileName ?? basename(opts.path);
  const { sha256, bytes } = await sha256OfFile(() => createReadStream(opts.path));

  // A file with no data rows is never a duplicate: applying it again changes nothing, but it is a
  // real delivery (a quiet day's file is the same header, byte for byte, as the day before's), and
  // reporting it as a duplicate would leave no record of it, so the feed would look late.
  const previous = await findUploadBySha(database.db, opts.feed, sha256);
  if (previous && previous.rowsTotal > 0) {
    // A snapshot sent again unchanged is still today's list of open cases (see confirmLatestSnapshot).
    const confirmedLatest = contract.kind === 'snapshot' && (await confirmLatestSnapshot(database.db, previous.id, receivedAt));
    const nothingApplied = new UploadTally(false);
    nothingApplied.rows = previous.rowsTotal;
    return nothingApplied.toReport(
      { feed: opts.feed, fileName, sha256, sizeBytes: bytes, receivedAt: previous.receivedAt, ignoredColumns: previous.ignoredColumns },
      { uploadId: previous.id, duplicate: true, confirmedLatest, casesClosed: 0, closingWithheld: null },
    );
  }

  const stage = await openStage(database, bytes, opts);
  try {
    const ignoredColumns = checkHeader(contract, stage.header);
    const file: ReceivedFile = { feed: opts.feed, fileName, sha256, sizeBytes: bytes, receivedAt, ignoredColumns };
    return await applyStaged(database, opts, file, stage, now);
  } finally {
    stage.close();
  }
}

/** The header's columns the contract does not name (never stored); refuses a header that lacks
 * a required column. */
function checkHeader(contract: FeedContract, header: string[]): string[] {
  const missing = contract.columns.filter((c) => c.required === true && !header.includes(c.name)).map((c) => c.name);
  if (!header.includes('uprn') && !header.includes('address')) missing.push('address');
  if (missing.length > 0) {
    throw new FeedFileError('bad_header', `The header lacks required columns: ${missing.join(', ')}. Nothing in the file was applied.`);
  }
  const known = new Set(contractColumns(contract));
  return header.filter((h) => !known.has(h));
}

/** What every batch of one upload is checked and written with, inside its transaction. */
interface UploadRun {
  tx: Db;
  contract: FeedContract;
  feed: FeedId;
  uploadId: number;
  teamIds: Map<string, number>;
  /** Rows dated before this are refused (retentionCutoffs). */
  liveBefore: string;
  linker: PersonLinker;
  tally: UploadTally;
  /** Batch N is written while batch N+1 is matched: all writes go through this one chain. */
  writer: SerialWriter;
  personIds: IdPool;
  /** Persons whose records this upload withdrew, deleted or relinked: settled at the end, once
   * no later row of the file can link to them any more. */
  touchedPersons: Set<number>;
  progress?: (rowsRead: number) => Promise<void>;
}

async function applyStaged(database: Database, opts: IngestOptions, file: ReceivedFile, stage: RowStage, now: Date): Promise<UploadReport> {
  // Read before the transaction opens: PGlite has one connection, which the transaction holds.
  const decisions = await loadAddressDecisions(database.db);
  // A row whose last date retention would already have taken is refused, never written: its
  // id may have gone to the trend copy, and written again it would be copied twice (and old data
  // would re-enter the live tables). Same dates as retention's; an open case is never due.
  // By the clock, not the arrival: a file queued before midnight and applied after that night's
  // retention run must not bring back rows the run has just copied out.
  const { liveBefore } = await retentionCutoffs(database.db, now);
  // A worker that already holds this gazetteer's matcher is not sent it again (nor is it read).
  // The gazetteer is not kept in a local: only the matcher built from it is needed for the file.
  const batches = stage.batches(
    stage.holdsGazetteer ? { held: true } : { gazetteer: await loadGazetteerEntries(database.db) },
    decisions,
  );
  const report = await database.db.transaction((tx) => applyInTransaction(tx as Db, opts, file, liveBefore, batches));
  // Fresh statistics for the planner (PGlite has no autovacuum to gather them).
  await database.query(sql`ANALYZE involvements, persons, person_records`);
  return report;
}

async function applyInTransaction(
  tx: Db,
  opts: IngestOptions,
  file: ReceivedFile,
  liveBefore: string,
  batches: AsyncIterable<StageBatch>,
): Promise<UploadReport> {
  const contract = FEED_CONTRACTS[opts.feed];
  // One upload at a time links people (two server processes may each take one): the linker
  // is built from the records committed before it, inside the lock, so an upload always sees
  // the people the one before it made instead of making them again.
  await lockPersonLinking(tx);
  const linker = await loadPersonLinker(tx);
  await releaseShaOfEmptyUploads(tx, opts.feed, file.sha256);
  const uploadId = await createUpload(tx, {
    feed: opts.feed,
    fileName: file.fileName,
    sha256: file.sha256,
    sizeBytes: file.sizeBytes,
    receivedAt: file.receivedAt,
    rowsTotal: 0,
    rowsAccepted: 0,
    rowsRejected: 0,
    ignoredColumns: file.ignoredColumns,
    via: opts.via ?? 'cli',
  });
  const run: UploadRun = {
    tx, contract, feed: opts.feed, uploadId, liveBefore, linker,
    teamIds: await getTeamIds(tx, opts.feed),
    tally: new UploadTally(contract.kind === 'snapshot'),
    writer: new SerialWriter(),
    personIds: new IdPool(),
    touchedPersons: new Set(),
    progress: opts.progress,
  };
  await applyRows(run, batches);

  const { tally } = run;
  tally.rejections.sort((a, b) => a.row - b.row);
  await insertRejectedRows(tx, uploadId, tally.rejections.map((r) => ({ rowNumber: r.row, reasons: r.reasons })));
  const closing = await closeCasesLeftOut(run, file.receivedAt.toISOString().slice(0, 10));
  await finishUpload(tx, uploadId, {
    rowsTotal: tally.rows,
    rowsAccepted: tally.accepted,
    rowsRejected: tally.rejections.length,
    casesClosed: closing.casesClosed,
    addressesUnmatched: tally.unmatched,
  });
  const report = tally.toReport(file, { uploadId, duplicate: false, confirmedLatest: false, ...closing });
  await opts.onCommit?.(tx, report);
  return report;
}

/** Every staged row, in batches of BATCH_SIZE, checked, linked and written. */
async function applyRows(run: UploadRun, batches: AsyncIterable<StageBatch>): Promise<void> {
  let pending: StagedRow[] = [];
  for await (const batch of batches) {
    run.tally.addStaged(batch);
    for (const r of batch.rows) pending.push(r);
    if (pending.length >= BATCH_SIZE) {
      await applyBatch(run, pending);
      pending = [];
    }
  }
  await applyBatch(run, pending);
  await run.writer.drain();
  await settlePersons(run.tx, run.touchedPersons);
}

/**
 * One batch: rows this upload cannot apply are rejected, the rest linked and prepared here, then
 * written behind (the database works on one core while Node matches the next batch on the other).
 * At most one batch is in flight, so memory stays bounded.
 */
async function applyBatch(run: UploadRun, batch: StagedRow[]): Promise<void> {
  const usable: StagedRow[] = [];
  for (const p of batch) {
    const reasons = rowProblems(p.record, run);
    if (reasons.length === 0) usable.push(p);
    else run.tally.reject(p.rowNumber, reasons, p.record.sourceId);
  }
  // Every row of the batch may name a new person: ids for all of them before linking.
  if (run.personIds.available < usable.length) {
    run.personIds.add(await run.writer.run(() => reservePersonIds(run.tx, Math.max(ID_BLOCK, usable.length))));
  }
  const writes = await prepareBatch(run.feed, run.uploadId, usable, run.teamIds, run.linker, run.personIds);
  run.tally.addPrepared(writes);
  await run.writer.drain();
  const readSoFar = run.tally.rows;
  run.writer.push(async () => {
    const written = await writeBatch(run.tx, run.feed, writes);
    run.tally.addWritten(written);
    for (const id of writes.touchedPersons) run.touchedPersons.add(id);
    for (const id of written.leftPersons) run.touchedPersons.add(id);
    await run.progress?.(readSoFar);
  });
  // Top up the ids for the next batch while this one is written, rather than wait for them then.
  if (run.personIds.available < 2 * BATCH_SIZE) run.writer.push(async () => run.personIds.add(await reservePersonIds(run.tx, ID_BLOCK)));
}

/** Why a row the contract accepted cannot be applied by this upload (none when it can): too old
 * to keep, or led by a team that is not the partner's. A withdrawal is only an id: one of an old
 * row is accepted (there is nothing to remove). */
function rowProblems(r: FeedRecord, run: Pick<UploadRun, 'contract' | 'liveBefore' | 'teamIds'>): string[] {
  if (r.deleted) return [];
  const reasons: string[] = [];
  if (r.open !== true && r.contactDate < run.liveBefore) reasons.push(`${run.contract.dateColumn} is more than 12 months ago: mast keeps 12 months`);
  if (!run.teamIds.has(r.leadTeam)) reasons.push('lead_team is not a team of this partner');
  return reasons;
}

/** Snapshot feeds: the open cases the file left out are closed as of the day it arrived, unless
 * whyNoCaseCloses withholds it. Incremental feeds close nothing. */
async function closeCasesLeftOut(run: UploadRun, day: string): Promise<{ casesClosed: number; closingWithheld: string | null }> {
  if (run.contract.kind !== 'snapshot') return { casesClosed: 0, closingWithheld: null };
  const { tally } = run;
  const closingWithheld = whyNoCaseCloses(run.contract.idColumn, { total: tally.rows, accepted: tally.accepted, rejectedWithoutId: tally.rejectedWithoutId });
  if (closingWithheld !== null) return { casesClosed: 0, closingWithheld };
  return { casesClosed: await closeCasesMissingFrom(run.tx, run.feed, run.uploadId, day, [...tally.rejectedIds]), closingWithheld };
}

/**
 * Why a snapshot may close none of the open cases it leaves out, or null when it may close them.
 * A snapshot lists every open case, so leaving a case out closes it; but a file mast could not
 * read says nothing about which cases are open. An empty snapshot is taken as a failed extract
 * (a council with no open case at all is not a real day), one whose every row was rejected
 * applied nothing, and a rejected row without a readable id could be any open case. Closing
 * nothing leaves cases open a day longer; closing a live case would show it closed to whoever
 * looks up the address.
 */
function whyNoCaseCloses(idColumn: string, file: { total: number; accepted: number; rejectedWithoutId: number }): string | null {
  if (file.total === 0) {
    return 'The snapshot has no rows, so no open case was closed: a snapshot lists every open case, and an empty one is taken as a failed extract.';
  }
  if (file.accepted === 0) return 'No row of the snapshot was accepted, so no open case was closed and nothing was applied.';
  if (file.rejectedWithoutId > 0) {
    const rows = file.rejectedWithoutId === 1 ? '1 rejected row has' : `${file.rejectedWithoutId} rejected rows have`;
    return `${rows} no readable ${idColumn}, so no open case was closed: any of them could be a case that is still open.`;
  }
  return null;
}

/** One batch, matched and ready to write: every value the writes need, worked out in Node. */
interface BatchWrites extends PreparedCounts {
  uploadId: number;
  withdrawn: string[];
  addressReviews: NewAddressReview[];
  newPeople: { id: number; givenName: string; familyName: string; dateOfBirth: string }[];
  personRecords: PersonRecordInsert[];
  reviews: NewReviewPairBySource[];
  involvements: InvolvementInsert[];
  /** Rows that no longer name a person, where the source once sent one: that record goes. */
  withoutPerson: string[];
  /** Persons of records sent again: the one each was linked to before, and the one now (a
   * correction may have changed the name the person is shown by). */
  touchedPersons: number[];
}

/** Lets the event loop run (the previous batch's writes need it to talk to the database). Each
 * of a batch's statements is sent only at the next yield: every 250 rows left PostgreSQL idle
 * in the transaction for 39% of a million-row ingest, waiting for the next statement. */
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));
const YIELD_EVERY = 25;

async function prepareBatch(
  feed: FeedId,
  uploadId: number,
  batch: StagedRow[],
  teamIds: Map<string, number>,
  linker: PersonLinker,
  personIds: IdPool,
): Promise<BatchWrites> {
  // Within one batch a source id may repeat (a correction in the same file): the later row wins.
  const bySource = new Map<string, StagedRow>();
  for (const p of batch) bySource.set(p.record.sourceId, p);
  const records: StagedRow[] = [];
  // A withdrawn record leaves mast: its involvement, and its person record with it.
  const withdrawn: string[] = [];
  for (const p of bySource.values()) {
    if (p.record.deleted) withdrawn.push(p.record.sourceId);
    else records.push(p);
  }
  const w: BatchWrites = {
    uploadId, withdrawn, addressReviews: [], newPeople: [], personRecords: [], reviews: [], involvements: [], withoutPerson: [], touchedPersons: [],
    accepted: batch.length, matched: 0, unmatched: 0, addressesPossible: 0, addressesDecided: 0, linked: 0, created: 0,
  };
  const forReview = new Map<string, NewAddressReview>();
  // Each person is linked in file order, so a later row can join a person an earlier row made.
  for (let k = 0; k < records.length; k++) {
    if (k % YIELD_EVERY === YIELD_EVERY - 1) await yieldToIo();
    const r = records[k]!.record;
    const a = records[k]!.address!;
    if (a.decided) w.addressesDecided++;
    if (a.uprn !== null) w.matched++;
    else if (a.method === 'possible') w.addressesPossible++;
    else w.unmatched++;
    // One item per address and candidate, however many rows spell it that way.
    if (a.method === 'possible' && a.key !== null && a.candidateUprn !== null) {
      forReview.set(`${a.key}#${a.candidateUprn}`, { addressKey: a.key, candidateUprn: a.candidateUprn, score: a.score, reasons: a.reasons });
    }
    let personId: number | null = null;
    const p = r.person;
    if (p) {
      const o = linker.link({ feed, sourceId: r.sourceId, ...p, uprn: a.uprn, postcode: r.postcode, street: r.address }, () => personIds.take());
      personId = o.personId;
      if (o.created) w.newPeople.push({ id: o.personId, givenName: p.givenName, familyName: p.familyName, dateOfBirth: p.dateOfBirth });
      if (o.previousPersonId !== undefined) w.touchedPersons.push(o.previousPersonId, o.personId);
      if (o.band === 'linked') w.linked++;
      else w.created++;
      w.personRecords.push({
        feed,
        sourceId: r.sourceId,
        personId: o.personId,
        givenName: p.givenName,
        familyName: p.familyName,
        dateOfBirth: p.dateOfBirth,
        sex: p.sex ?? null,
        nhsNumber: p.nhsNumber ?? null,
        uprn: a.uprn,
        postcode: normalisePostcode(r.postcode) ?? null,
        streetKey: o.streetKey,
      });
      if (o.review) {
        const other = sourceOfKey(o.review.candidateKey);
        w.reviews.push({
          feed, sourceId: r.sourceId, otherFeed: other.feed, otherSourceId: other.sourceId,
          weight: o.review.weight, probability: o.review.probability, evidence: o.review.evidence,
        });
      }
    } else if (linker.knows(feed, r.sourceId)) w.withoutPerson.push(r.sourceId);
    w.involvements.push({
      feed,
      sourceId: r.sourceId,
      uprn: a.uprn,
      addressMatch: a.method,
      addressCandidateUprn: a.candidateUprn,
      addressScore: a.score,
      addressReasons: a.reasons,
      addressText: r.address ?? null,
      addressKey: a.key,
      postcode: r.postcode ?? null,
      personId,
      category: r.category,
      contactDate: r.contactDate,
      open: r.open,
      closedOn: null,
      attendance: r.attendance ?? null,
      sensitive: r.sensitiveAddress === true,
      leadTeamId: teamIds.get(r.leadTeam)!,
      uploadId,
    });
  }
  w.addressReviews = [...forReview.values()];
  return w;
}

/** Writes one prepared batch, in order: people before their records, records (with their
 * involvements) before the review pairs that find them by source id. Returns, with the counts,
 * the persons whose records it deleted. */
async function writeBatch(tx: Db, feed: FeedId, w: BatchWrites): Promise<{ deleted: number; forReview: number; leftPersons: number[] }> {
  let deleted = 0;
  let leftPersons: number[] = [];
  if (w.withdrawn.length > 0) {
    deleted = await deleteInvolvements(tx, feed, w.withdrawn);
    leftPersons = await deletePersonRecords(tx, feed, w.withdrawn);
  }
  await queueAddressReviews(tx, w.addressReviews);
  await createPersons(tx, w.newPeople);
  await upsertInvolvements(tx, w.involvements, w.personRecords);
  const forReview = await queueReviewPairsBySource(tx, w.reviews);
  leftPersons = leftPersons.concat(await deletePersonRecords(tx, feed, w.withoutPerson));
  return { deleted, forReview, leftPersons };
}
