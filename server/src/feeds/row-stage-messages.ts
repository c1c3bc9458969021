// What the ingest and its row-stage worker thread tell each other. The worker outlives a file
// (row-stage-pool.ts), so every message names the file it is about: a batch the worker had
// already sent when the ingest stopped taking a file must not be read as the next file's.
import type { AddressDecision } from '@mast/db';
import type { FeedId } from '@mast/shared';
import type { FeedFileErrorCode } from './feed-file-error.ts';

export interface StageStart {
  /** Only to a worker that holds no matcher yet: the gazetteer came before this message in this
   * many parts, and the worker builds its matcher from them and keeps it for later files. */
  gazetteerParts?: number;
  decisions: [string, AddressDecision][];
}

export type ToStage =
  /** Read this file: tell its header, then wait for its start. */
  | { kind: 'open'; file: number; feed: FeedId; path: string; batchSize: number }
  /**
   * Part of the gazetteer, its entries as a JSON array (GazetteerEntry[]), before the start. In
   * parts because a region's gazetteer as one string would be longer than a JavaScript string
   * may be (about 536 million characters: some 3 million addresses).
   */
  | { kind: 'gazetteer'; file: number; json: string }
  /** The decisions (and how many gazetteer parts came before) as JSON (a StageStart), for the reason batches are (below). */
  | { kind: 'start'; file: number; json: string }
  /** The ingest has taken a batch: one more may be sent. */
  | { kind: 'more'; file: number }
  /** The ingest stops taking this file (a refused header, a failure downstream): stop reading it. */
  | { kind: 'cancel'; file: number };

export type FromStage = { file: number } & (
  | { kind: 'header'; header: string[] }
  /** A StageBatch as JSON: posting one string and parsing it costs both threads less than the
   * structured clone of many small objects (a row, its record, its person and its address). */
  | { kind: 'batch'; json: string }
  | { kind: 'end' }
  | { kind: 'refused'; code: FeedFileErrorCode; message: string }
  | { kind: 'failed'; message: string }
);
