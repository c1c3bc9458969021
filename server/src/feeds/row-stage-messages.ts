// What the ingest and its row-stage worker thread tell each other.
import type { AddressDecision } from '@mast/db';
import type { GazetteerEntry } from '../matching/address-match.ts';
import type { FeedFileErrorCode } from './feed-file-error.ts';

export interface StageStart {
  gazetteer: GazetteerEntry[];
  decisions: [string, AddressDecision][];
}

export type ToStage =
  /** The gazetteer and decisions as JSON (a StageStart), for the reason batches are (below). */
  | { kind: 'start'; json: string }
  /** The ingest has taken a batch: one more may be sent. */
  | { kind: 'more' };

export type FromStage =
  | { kind: 'header'; header: string[] }
  /** A StageBatch as JSON: posting one string and parsing it costs both threads less than the
   * structured clone of many small objects (a row, its record, its person and its address). */
  | { kind: 'batch'; json: string }
  | { kind: 'end' }
  | { kind: 'refused'; code: FeedFileErrorCode; message: string }
  | { kind: 'failed'; message: string };
