import { Readable } from 'node:stream';
import { describe, it, expect } from 'vitest';
import { readCsvRows } from './csv-rows.ts';
import { FeedFileError } from './feed-file-error.ts';

const refusal = async (text: string): Promise<FeedFileError> => {
  try {
    await readCsvRows(Readable.from([text]));
  } catch (e) {
    if (e instanceof FeedFileError) return e;
    throw e;
  }
  throw new Error('the file was not refused');
};

describe('CSV header checks', () => {
  it('refuses a file sent without its header row by column position, never quoting the row', async () => {
    // The first row is a person's data, with the family name in two cells.
    const e = await refusal('P-1,Smith,Smith,1971-03-14\nP-2,Jones,Jones,1980-01-01\n');
    expect(e.code).toBe('bad_header');
    expect(e.message).toBe("The header's columns 2 and 3 have the same name.");
    expect(e.message.toLowerCase()).not.toContain('smith');
  });

  it('refuses a blank column name, saying which column', async () => {
    const e = await refusal('incident_id,,category\nP-1,x,burglary\n');
    expect(e.code).toBe('bad_header');
    expect(e.message).toBe("The header's column 2 has no name.");
  });

  it('refuses a header of 10,000 columns, or one longer than 4 KB, saying why', async () => {
    const wide = await refusal(`${Array.from({ length: 10_000 }, (_, i) => `column_${i}`).join(',')}\nP-1\n`);
    expect(wide.code).toBe('bad_header');
    expect(wide.message).toBe('The header has 10000 columns; a feed file may have at most 100.');
    const long = await refusal(`incident_id,${'x'.repeat(5000)}\nP-1,y\n`);
    expect(long.code).toBe('bad_header');
    expect(long.message).toBe("The header is 5012 characters long; a feed file's header may be at most 4096.");
  });

  it('refuses a header of a million columns before parsing it whole, and column names with control characters', async () => {
    const huge = await refusal(`incident_id${',x'.repeat(1_000_000)}\nP-1\n`);
    expect(huge.code).toBe('bad_header');
    expect(huge.message).toBe("The header row is longer than 256 KB: a feed file's header may have at most 100 columns and 4096 characters.");
    for (const name of ['a\u0000b', '\u202Enotes', 'two\nlines']) {
      const odd = await refusal(`incident_id,"${name}"\nP-1,x\n`);
      expect(odd.message, JSON.stringify(name)).toBe("The header's column 2 has a control character or a text-direction mark in its name.");
    }
  });

  it('reads a good header and numbers rows as a spreadsheet does', async () => {
    const { header, rows } = await readCsvRows(Readable.from(['Incident_ID, Category\nP-1,burglary\n']));
    expect(header).toEqual(['incident_id', 'category']);
    const got = [];
    for await (const r of rows) got.push(r);
    expect(got).toEqual([{ rowNumber: 2, cells: { incident_id: 'P-1', category: 'burglary' } }]);
  });
});
