// A tiny RFC 4180 CSV writer over a file stream. Rows are buffered into ~64 KB chunks and the
// writer waits for 'drain', so a file of a million rows never sits in memory as one string.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i === 0 ? '' : ',') + csvCell(cells[i]!);
  return line + '\r\n';
}

export class CsvWriter {
  private readonly stream: WriteStream;
  private chunk = '';
  rows = 0;

  constructor(readonly path: string, header: readonly string[]) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.chunk = csvLine(header);
  }

  async write(cells: readonly string[]): Promise<void> {
    this.chunk += csvLine(cells);
    this.rows++;
    if (this.chunk.length >= 65_536) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.chunk === '') return;
    const ok = this.stream.write(this.chunk);
    this.chunk = '';
    if (!ok) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}
