// The first stage of the feed pipeline, which needs nothing from the database while it runs:
// CSV rows read, checked against the feed contract and their addresses matched, in batches.
// It runs in the ingest's own thread (small files) or in a worker thread (row-stage-thread.ts),
// so that on a big file it works on one core while the person linking and the database work on
// the other. Either way the batches are the same.
import type { Readable } from 'node:stream';
import { FEED_CONTRACTS, rowChecker, type FeedId, type FeedRecord } from '@mast/shared';
import { readCsvRows } from './csv-rows.ts';
import { buildAddressMatcher, type AddressMatcher, type GazetteerEntry } from '../matching/address-match.ts';
import { addressKey } from '../matching/address-key.ts';
import { needsAddressKey, settleAddress, type AddressDecisions, type SettledAddress } from '../matching/address-decisions.ts';

export interface Rejection {
  row: number;
  reasons: string[];
}

export interface StagedRow {
  rowNumber: number;
  record: FeedRecord;
  /** Where the row's address settled; null for a withdrawal (only its id is read). */
  address: SettledAddress | null;
}

export interface StageBatch {
  rows: StagedRow[];
  rejections: Rejection[];
  /** Snapshot feeds: the record ids of rejected rows whose id cell is itself valid, since a
   * snapshot must not close a case whose row it was sent but could not read. Never reported (a
   * cell's value). Empty for incremental feeds, which close nothing. */
  rejectedIds: string[];
  /** Snapshot feeds: rejected rows with no valid id (a snapshot cannot tell which case each was). */
  rejectedWithoutId: number;
  /** Data rows read so far (accepted or not). */
  rowsRead: number;
}

/** What addresses are matched against: the gazetteer, a matcher already built from it (the
 * worker's own, file after file: row-stage-thread.ts), or the one the stage's worker already
 * holds (when `holdsGazetteer`). */
export type AddressSource = { gazetteer: GazetteerEntry[] } | { matcher: AddressMatcher } | { held: true };

export interface RowStage {
  header: string[];
  /** The stage already holds a matcher for the gazetteer as it is now: batches takes `{ held: true }`. */
  holdsGazetteer: boolean;
  /** The rows after the header, once the header is accepted and the addresses can be matched. */
  batches(addresses: AddressSource, decisions: AddressDecisions): AsyncIterable<StageBatch>;
  /** Stops reading (a refused header, or a failure downstream). */
  close(): void;
}

/** Reads `input` (the file through the UTF-8 guard) as batches of checked, address-matched rows. */
export async function openRowStage(
  feed: FeedId,
  input: Readable,
  batchSize: number,
): Promise<RowStage> {
  const contract = FEED_CONTRACTS[feed];
  const { header, chunks } = await readCsvRows(input);
  // The matcher is built here, outside the generator, so that the gazetteer's entries (a million
  // small objects) are not held by the generator for the whole file once the index is built.
  function batches(addresses: AddressSource, d: AddressDecisions): AsyncGenerator<StageBatch> {
    if ('held' in addresses) throw new Error('the row stage in this thread holds no gazetteer');
    return matchedBatches(cachedMatcher('matcher' in addresses ? addresses.matcher : buildAddressMatcher(addresses.gazetteer)), d);
  }
  async function* matchedBatches(m: AddressMatcher, d: AddressDecisions): AsyncGenerator<StageBatch> {
    const checkRow = rowChecker(contract, header);
    const idAt = header.indexOf(contract.idColumn);
    const idSchema = contract.columns.find((c) => c.name === contract.idColumn)!.schema;
    const reject = (rowNumber: number, cells: string[], reasons: string[]) => {
      batch.rejections.push({ row: rowNumber, reasons });
      if (contract.kind !== 'snapshot') return;
      // Read from a row of the wrong length too: an id read amiss can only keep a case open.
      const id = idSchema.safeParse(idAt === -1 ? undefined : cells[idAt]);
      if (id.success && typeof id.data === 'string') batch.rejectedIds.push(id.data);
      else batch.rejectedWithoutId++;
    };
    const emptyBatch = (): StageBatch => ({ rows: [], rejections: [], rejectedIds: [], rejectedWithoutId: 0, rowsRead: 0 });
    let batch = emptyBatch();
    let read = 0;
    for await (const { firstRow, records } of chunks) {
      for (let j = 0; j < records.length; j++) {
        const cells = records[j]!;
        const rowNumber = firstRow + j;
        read++;
        if (cells.length !== header.length) {
          reject(rowNumber, cells, [`row has ${cells.length} cells but the header has ${header.length}`]);
        } else {
          const checked = checkRow(cells);
          if (!checked.ok) reject(rowNumber, cells, checked.reasons);
          else {
            const r = checked.record;
            let address: SettledAddress | null = null;
            if (!r.deleted) {
              const match = m.match({ uprn: r.uprn, address: r.address, postcode: r.postcode });
              address = settleAddress(match, needsAddressKey(match, d) ? addressKey(r.address, r.postcode) : null, d);
            }
            batch.rows.push({ rowNumber, record: r, address });
          }
        }
        if (batch.rows.length >= batchSize) {
          batch.rowsRead = read;
          yield batch;
          batch = emptyBatch();
        }
      }
    }
    batch.rowsRead = read;
    yield batch;
  }
  return { header, holdsGazetteer: false, batches, close: () => input.destroy() };
}

/** Partners send the same few addresses again and again (a busy household, a town-centre
 * street): each distinct spelling is matched once per upload. Bounded, so a file of all-distinct
 * addresses cannot grow it without end. */
export function cachedMatcher(matcher: AddressMatcher, limit = 50_000): AddressMatcher {
  const cache = new Map<string, ReturnType<AddressMatcher['match']>>();
  return {
    ...matcher,
    match(input) {
      // Case and the postcode's spacing never change a match (both are folded before matching),
      // so "27 MILL LANE" and "27 Mill Lane" share an entry.
      const key = `${input.uprn ?? ''}\u0000${(input.address ?? '').toUpperCase()}\u0000${(input.postcode ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
      let m = cache.get(key);
      if (m === undefined) {
        m = matcher.match(input);
        if (cache.size >= limit) cache.clear();
        cache.set(key, m);
      }
      return m;
    },
  };
}
