// Streams a feed CSV as numbered rows keyed by header name. Row 1 is the header, so row numbers
// are what a partner sees in a spreadsheet. Structural damage (a broken quote) refuses the file:
// past that point no row boundary can be trusted, and half a file must never be applied.
import { parse, CsvError } from 'csv-parse';
import type { Readable } from 'node:stream';
import { FeedFileError } from './feed-file-error.ts';

export interface CsvRow {
  rowNumber: number;
  cells: Record<string, string>;
  /** Set when the row's cell count differs from the header's. */
  cellCountMismatch?: { cells: number; header: number };
}

export interface CsvRows {
  header: string[];
  rows: AsyncGenerator<CsvRow>;
}

export async function readCsvRows(input: Readable): Promise<CsvRows> {
  const parser = input.pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true }));
  input.on('error', (e) => parser.destroy(e));
  const it = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  const first = await nextOrFail(it);
  if (first.done) throw new FeedFileError('empty_file', 'The file is empty: it has no header row.');
  const header = first.value.record.map((h) => h.trim().toLowerCase());
  const seen = new Set<string>();
  for (const h of header) {
    if (h === '') throw new FeedFileError('bad_header', 'The header has a blank column name.');
    if (seen.has(h)) throw new FeedFileError('bad_header', `The header names the column "${h}" twice.`);
    seen.add(h);
  }
  async function* rows(): AsyncGenerator<CsvRow> {
    let rowNumber = 1;
    for (;;) {
      const next = await nextOrFail(it);
      if (next.done) return;
      rowNumber++;
      const record = next.value.record;
      const cells: Record<string, string> = {};
      for (let i = 0; i < header.length && i < record.length; i++) cells[header[i]!] = record[i]!;
      yield record.length === header.length
        ? { rowNumber, cells }
        : { rowNumber, cells, cellCountMismatch: { cells: record.length, header: header.length } };
    }
  }
  return { header, rows: rows() };
}

async function nextOrFail<T>(it: AsyncIterator<T>): Promise<IteratorResult<T>> {
  try {
    return await it.next();
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines;
      throw new FeedFileError('malformed_csv', `The CSV is malformed near line ${line ?? '?'} (${e.code}); nothing in the file was applied.`);
    }
    throw e;
  }
}
