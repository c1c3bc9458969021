import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../test-database.ts';
import type { Database } from '../database.ts';
import { arrayLiteral, unnestRows, type BulkColumn } from './bulk.ts';

interface Row {
  text: string | null;
  n: number | null;
  flag: boolean | null;
}

const COLUMNS: BulkColumn<Row>[] = [
  { name: 'text', type: 'text[]', value: (r) => r.text },
  { name: 'n', type: 'bigint[]', value: (r) => r.n },
  { name: 'flag', type: 'boolean[]', value: (r) => r.flag },
];

// Written in one go (JSON) when plain, element by element when a value has a control character
// or an astral letter: both ways must bring the same text back.
const awkwardTexts = ['tab\there', 'line\nbreak', 'bell\u0007', 'emoji 😀', 'quote " and \\ slash', '\\n'];

describe(`bulk rows through unnest (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('brings every value back exactly, whatever characters a partner typed', async () => {
    // Each of these would break a naive array literal: quotes, backslashes, the separators,
    // the word NULL, blanks, spaces at the ends, non-Latin letters.
    const texts = ['O\'Neill-Smith', 'say "hi"', 'back\\slash', 'a,b', '{braces}', 'NULL', '', '  padded  ', 'Siobhán Ó Súilleabháin', '\\"', null];
    const rows: Row[] = texts.map((text, i) => ({ text, n: i % 3 === 0 ? null : 100_000_000_000 + i, flag: i % 3 === 1 ? null : i % 2 === 0 }));
    const back = await database.query<{ text: string | null; n: string | number | null; flag: boolean | null }>(
      sql`SELECT * FROM (${unnestRows(rows, COLUMNS)}) AS t`,
    );
    expect(back.map((r) => ({ text: r.text, n: r.n === null ? null : Number(r.n), flag: r.flag }))).toEqual(rows);
  });

  it('brings back text with control characters and astral letters exactly too', async () => {
    const rows: Row[] = awkwardTexts.map((text, i) => ({ text, n: i, flag: null }));
    const plainRows: Row[] = [{ text: 'plain', n: 1, flag: true }, { text: null, n: null, flag: false }];
    for (const set of [rows, plainRows, [...plainRows, ...rows]]) {
      const back = await database.query<{ text: string | null }>(sql`SELECT * FROM (${unnestRows(set, COLUMNS)}) AS t`);
      expect(back.map((r) => r.text)).toEqual(set.map((r) => r.text));
    }
  });

  it('refuses a value it cannot write faithfully rather than guess', () => {
    expect(() => arrayLiteral([{ when: new Date(0) }], (r) => r.when)).toThrow(TypeError);
    expect(() => arrayLiteral([{ when: { at: 1 } }], (r) => r.when)).toThrow(TypeError);
  });
});
