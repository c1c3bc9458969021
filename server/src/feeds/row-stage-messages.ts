// What the ingest and its row-stage worker thread tell each other.
import type { AddressDecision } from '@mast/db';
import type { GazetteerEntry } from '../matching/address-match.ts';
import type { FeedFileErrorCode } from './feed-file-error.ts';
import type { StageBatch } from './row-stage.ts';

export type ToStage =
  | { kind: 'start'; gazetteer: GazetteerEntry[]; decisions: [string, AddressDecision][] }
  /** The ingest has taken a batch: one more may be sent. */
  | { kind: 'more' };

export type FromStage =
  | { kind: 'header'; header: string[] }
  | { kind: 'batch'; batch: StageBatch }
  | { kind: 'end' }
  | { kind: 'refused'; code: FeedFileErrorCode; message: string }
  | { kind: 'failed'; message: string };
