// Streams a feed CSV as numbered rows keyed by header name. Row 1 is the header, so row numbers
// are what a partner sees in a spreadsheet. Structural damage (a broken quote) refuses the file:
// past that point no row boundary can be trusted, and half a file must never be applied.
import { parse, CsvError } from 'csv-parse';
import { Transform, type Readable } from 'node:stream';
import { FeedFileError } from './feed-file-error.ts';

export interface CsvRow {
  rowNumber: number;
  cells: Record<string, string>;
  /** Set when the row's cell count differs from the header's. */
  cellCountMismatch?: { cells: number; header: number };
}

/** Rows as the parser gives them, each its cells in the header's order (of any length): the
 * row stage reads a million of these, and an object per row keyed by name costs more than it gives. */
export interface CsvChunk {
  /** The row number of `records[0]`; the others follow one by one. */
  firstRow: number;
  records: string[][];
}

export interface CsvRows {
  header: string[];
  /** The rows one by one (read either these or `chunks`, not both). */
  rows: AsyncGenerator<CsvRow>;
  /** The same rows, as many as the parser has ready at a time: a big file is not paid for with
   * a promise per row. */
  chunks: AsyncGenerator<CsvChunk>;
}

/** The most columns a header may have, and its longest length in characters: a header is stored
 * with the upload's report (its unknown columns), so a huge one would bloat every admin page. */
export const MAX_HEADER_COLUMNS = 100;
export const MAX_HEADER_CHARS = 4096;
/** The most bytes before the header row's first line ends: more cannot be a header of
 * MAX_HEADER_CHARS characters, and is refused before the parser holds it whole (a header of a
 * million columns would otherwise be parsed in full before being counted). */
export const MAX_HEADER_BYTES = 256 * 1024;
/** Control characters and the invisible marks that reverse or isolate text direction: no column
 * name holds them, and the names outside the contract are stored and shown in the report. */
const UNPRINTABLE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

export async function readCsvRows(input: Readable): Promise<CsvRows> {
  const limited = input.pipe(headerLineLimit(MAX_HEADER_BYTES));
  input.on('error', (e) => limited.destroy(e));
  const parser = limited.pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true }));
  limited.on('error', (e) => parser.destroy(e));
  const records = recordChunks(parser);
  const first = await nextOrFail(records);
  if (first.done) throw new FeedFileError('empty_file', 'The file is empty: it has no header row.');
  const raw = first.value[0]!;
  if (raw.length > MAX_HEADER_COLUMNS) {
    throw new FeedFileError('bad_header', `The header has ${raw.length} columns; a feed file may have at most ${MAX_HEADER_COLUMNS}.`);
  }
  const chars = raw.reduce((n, h) => n + h.length + 1, -1);
  if (chars > MAX_HEADER_CHARS) {
    throw new FeedFileError('bad_header', `The header is ${chars} characters long; a feed file's header may be at most ${MAX_HEADER_CHARS}.`);
  }
  const header = raw.map((h) => h.trim().toLowerCase());
  // Refusals name columns by position, never by what the first row holds: a file sent without
  // its header row has a person's details there.
  const seen = new Map<string, number>();
  for (const [i, h] of header.entries()) {
    if (h === '') throw new FeedFileError('bad_header', `The header's column ${i + 1} has no name.`);
    if (UNPRINTABLE.test(h)) throw new FeedFileError('bad_header', `The header's column ${i + 1} has a control character or a text-direction mark in its name.`);
    const before = seen.get(h);
    if (before !== undefined) throw new FeedFileError('bad_header', `The header's columns ${before + 1} and ${i + 1} have the same name.`);
    seen.set(h, i);
  }
  let nextRow = 2;
  async function* chunks(): AsyncGenerator<CsvChunk> {
    const rest = first.value!.slice(1);
    if (rest.length > 0) {
      yield { firstRow: nextRow, records: rest };
      nextRow += rest.length;
    }
    for (;;) {
      const next = await nextOrFail(records);
      if (next.done) return;
      yield { firstRow: nextRow, records: next.value };
      nextRow += next.value.length;
    }
  }
  const chunked = chunks();
  const toRow = (record: string[], rowNumber: number): CsvRow => {
    const cells: Record<string, string> = {};
    for (let i = 0; i < header.length && i < record.length; i++) cells[header[i]!] = record[i]!;
    return record.length === header.length
      ? { rowNumber, cells }
      : { rowNumber, cells, cellCountMismatch: { cells: record.length, header: header.length } };
  };
  async function* rows(): AsyncGenerator<CsvRow> {
    for await (const { firstRow, records } of chunked) for (let j = 0; j < records.length; j++) yield toRow(records[j]!, firstRow + j);
  }
  return { header, rows: rows(), chunks: chunked };
}

/** Passes the bytes through, failing the stream once `maxBytes` pass before the first line ends. */
function headerLineLimit(maxBytes: number): Transform {
  let before = 0;
  let ended = false;
  return new Transform({
    transform(chunk: Buffer | string, _enc, done) {
      if (!ended) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        const eol = bytes.indexOf(0x0a);
        before += eol === -1 ? bytes.length : eol;
        ended = eol !== -1;
        if (before > maxBytes) {
          done(new FeedFileError('bad_header', `The header row is longer than ${maxBytes / 1024} KB: a feed file's header may have at most ${MAX_HEADER_COLUMNS} columns and ${MAX_HEADER_CHARS} characters.`));
          return;
        }
      }
      done(null, chunk);
    },
  });
}

/** The parser's records, in the runs it has ready (read() until empty, then wait). */
async function* recordChunks(parser: Readable): AsyncGenerator<string[][]> {
  let failed: Error | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const poke = () => {
    wake?.();
    wake = undefined;
  };
  parser.on('readable', poke);
  parser.on('end', () => ((ended = true), poke()));
  parser.on('error', (e: Error) => ((failed = e), poke()));
  for (;;) {
    const chunk: string[][] = [];
    let r: string[] | null;
    while (chunk.length < 4096 && (r = parser.read() as string[] | null) !== null) chunk.push(r);
    if (chunk.length > 0) yield chunk;
    else if (failed) throw failed;
    else if (ended) return;
    else await new Promise<void>((resolve) => (wake = resolve));
  }
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
