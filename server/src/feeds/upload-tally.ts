// What one upload's rows came to, added up batch by batch as the pipeline goes, and the report
// made from it once. Counts and row numbers only: never a cell's value (a snapshot's rejected
// ids are kept to leave those cases open, and never reported).
import type { FeedId } from '@mast/shared';
import type { Rejection, StageBatch } from './row-stage.ts';
import type { UploadReport } from './ingest.ts';

/** A prepared batch's counts (see prepareBatch). */
export interface PreparedCounts {
  accepted: number;
  matched: number;
  unmatched: number;
  addressesPossible: number;
  addressesDecided: number;
  linked: number;
  created: number;
}

/** The file as it arrived: what its report says of it whatever its rows held. */
export interface ReceivedFile {
  feed: FeedId;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  receivedAt: Date;
  ignoredColumns: string[];
}

/** How the upload ended: its id, and what it did to the feed's open cases. */
export interface UploadOutcome {
  uploadId: number;
  duplicate: boolean;
  confirmedLatest: boolean;
  casesClosed: number;
  closingWithheld: string | null;
}

export class UploadTally {
  /** Data rows read, accepted or not. */
  rows = 0;
  accepted = 0;
  readonly rejections: Rejection[] = [];
  /** Snapshot feeds: the cases whose rows were sent but rejected (they stay open), and how many
   * rejected rows had no readable id (then no case may close). */
  readonly rejectedIds = new Set<string>();
  rejectedWithoutId = 0;
  matched = 0;
  unmatched = 0;
  addressesPossible = 0;
  addressesDecided = 0;
  deleted = 0;
  linked = 0;
  created = 0;
  forReview = 0;

  constructor(private readonly snapshot: boolean) {}

  /** A batch from the row stage: the rows it read, and those it rejected. */
  addStaged(batch: StageBatch): void {
    this.rows = batch.rowsRead;
    for (const r of batch.rejections) this.rejections.push(r);
    for (const id of batch.rejectedIds) this.rejectedIds.add(id);
    this.rejectedWithoutId += batch.rejectedWithoutId;
  }

  /** A row the contract accepted but this upload cannot apply (see rowProblems). */
  reject(row: number, reasons: string[], sourceId: string): void {
    this.rejections.push({ row, reasons });
    if (this.snapshot) this.rejectedIds.add(sourceId);
  }

  addPrepared(c: PreparedCounts): void {
    this.accepted += c.accepted;
    this.matched += c.matched;
    this.unmatched += c.unmatched;
    this.addressesPossible += c.addressesPossible;
    this.addressesDecided += c.addressesDecided;
    this.linked += c.linked;
    this.created += c.created;
  }

  addWritten(w: { deleted: number; forReview: number }): void {
    this.deleted += w.deleted;
    this.forReview += w.forReview;
  }

  toReport(file: ReceivedFile, outcome: UploadOutcome): UploadReport {
    return {
      uploadId: outcome.uploadId,
      feed: file.feed,
      fileName: file.fileName,
      sha256: file.sha256,
      sizeBytes: file.sizeBytes,
      receivedAt: file.receivedAt.toISOString(),
      duplicate: outcome.duplicate,
      confirmedLatest: outcome.confirmedLatest,
      rows: this.rows,
      accepted: this.accepted,
      rejected: this.rejections.length,
      rejections: this.rejections,
      ignoredColumns: file.ignoredColumns,
      addressesMatched: this.matched,
      addressesPossible: this.addressesPossible,
      addressesUnmatched: this.unmatched,
      addressesDecided: this.addressesDecided,
      casesClosed: outcome.casesClosed,
      closingWithheld: outcome.closingWithheld,
      deleted: this.deleted,
      people: { linked: this.linked, created: this.created, forReview: this.forReview },
    };
  }
}
