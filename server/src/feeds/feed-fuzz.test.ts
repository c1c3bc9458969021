// Hostile feed files, for every feed contract: valid rows mixed with cells and rows meant to break
// the pipeline (controls, quotes, formula prefixes, bidi overrides, emoji, over-long and odd
// values, rows of the wrong length), and whole files that are not CSV or not UTF-8. Each file is
// refused whole with a FeedFileError whose message holds no cell, or applied with every row
// accounted for: good rows accepted and read back as sent, every rejection naming only columns
// the row got wrong, nothing stored that the contract does not name. Seeded: a failing test names
// its seed, and MAST_FUZZ_SEED=<seed> replays it.
import { randomBytes } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { FEED_CONTRACTS, categoryCodes, contractColumns, type FeedContract, type FeedId } from '@mast/shared';
import { sql } from '@mast/db';
import { ingestFeedFile, type UploadReport } from './ingest.ts';
import { FeedFileError } from './feed-file-error.ts';
import { backendName, withSmallBorough } from '../test/small-borough.ts';
import { daysAgo } from '../test/days-ago.ts';
import { tablesHolding } from '../test/tables-holding.ts';
import { fuzzSeed, hostileValue, randomText, seededRandom, type Random } from '../test/hostile-input.ts';

const SEED = fuzzSeed(20261206);
const FEEDS = Object.keys(FEED_CONTRACTS) as FeedId[];
const TEAM: Record<FeedId, string> = { police: 'POL-NORTH', fire: 'FRS-WEST', nhs: 'ED-SAFE', 'council-adults': 'ASC-DUTY', 'council-children': 'CSC-MASH' };
const WORKER_FEEDS: FeedId[] = ['council-adults', 'nhs'];
/** Held only by a column outside every contract: it must never reach the database. */
const MARKER = 'FUZZSECRET';
const PERSON = ['given_name', 'family_name', 'date_of_birth'];
const PEOPLE = [
  ['Sandra', 'Kelly', '1971-03-14'],
  ['Tyler', 'Brooks', '2015-05-20'],
  ["Siobhán", "O'Neill-Ní Bhriain", '1988-12-01'],
  ['José', 'García', '2001-02-28'],
  ['Zoë', 'Ωμέγα', '1960-01-01'],
] as const;
const ADDRESSES = [
  ['100000000001', '27 Mill Lane', 'MB3 4RT'],
  ['', '27 Mill Ln', 'MB3 4RT'],
  ['', 'Flat 4, Beech Court, 5 Station Road', 'MB2 3PL'],
  ['100000000020', '', ''],
  ['', '12 Nowhere Road', 'ZZ9 9ZZ'],
] as const;

type Row = Record<string, string>;
/** What a row of a generated file is: untouched, with hostile cells in some columns, or of the wrong length. */
type Made = { kind: 'valid'; cells: Row } | { kind: 'hostile'; cells: Row; touched: Set<string> } | { kind: 'length'; cells: string[] };

function nhsNumber(r: Random): string {
  for (;;) {
    const d = Array.from({ length: 9 }, () => r.int(10));
    const sum = d.reduce((s, x, i) => s + x * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check !== 10) return d.join('') + String(check === 11 ? 0 : check);
  }
}

function validRow(contract: FeedContract, r: Random, id: string): Row {
  const row: Row = {};
  const [given, family, dob] = r.pick(PEOPLE);
  const withPerson = contract.personRequired || r.chance(0.6);
  const [uprn, address, postcode] = r.pick(ADDRESSES);
  for (const name of contractColumns(contract)) row[name] = '';
  Object.assign(row, {
    [contract.idColumn]: id,
    [contract.dateColumn]: daysAgo(1 + r.int(90)),
    category: r.pick(categoryCodes(contract.id)),
    uprn,
    address,
    postcode,
    lead_team: TEAM[contract.id],
    sensitive_address: r.pick(['', 'N', 'Y']),
  });
  if (withPerson) Object.assign(row, { given_name: given, family_name: family, date_of_birth: dob, sex: r.pick(['', 'M', 'f', 'U', 'X']) });
  if ('nhs_number' in row && withPerson && r.chance(0.5)) row.nhs_number = nhsNumber(r);
  if ('attendance_type' in row) row.attendance_type = r.pick(['attended', 'did-not-attend']);
  if ('action' in row) row.action = r.pick(['', 'upsert']);
  return row;
}

/** A cell as a CSV writer would put it: quoted when it holds a quote, comma or line break. */
const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const line = (cells: string[]) => cells.map(cell).join(',');

interface MadeFile {
  header: string[];
  rows: Made[];
  text: string;
}

function mixedFile(contract: FeedContract, r: Random, tag: string, rowCount: number, opts: { hugeCell?: boolean; plain?: boolean } = {}): MadeFile {
  const columns = contractColumns(contract);
  // Columns in a random order, some optional ones left out, and columns outside the contract.
  // (A person's three columns go together: a file with only some of them names no one.)
  const optional = contract.columns.filter((c) => c.required !== true && !['address', 'uprn', ...PERSON].includes(c.name)).map((c) => c.name);
  const dropped = new Set(optional.filter(() => r.chance(0.15)));
  if (!contract.personRequired && r.chance(0.2)) for (const p of [...PERSON, 'sex']) dropped.add(p);
  const header = columns.filter((c) => !dropped.has(c));
  for (let i = header.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [header[i], header[j]] = [header[j]!, header[i]!];
  }
  header.push('notes', 'free_text');
  const rows: Made[] = [];
  for (let i = 0; i < rowCount; i++) {
    const cells = validRow(contract, r, `${tag}-${i}`);
    for (const d of dropped) cells[d] = '';
    cells.notes = `${MARKER}-${opts.plain ? 'plain' : hostileValue(r)}`;
    cells.free_text = `${MARKER} ${opts.plain ? 'plain' : randomText(r, 20)}`;
    const roll = opts.plain ? 0 : r.next();
    if (roll < 0.45) rows.push({ kind: 'valid', cells });
    else if (roll < 0.9) {
      const touched = new Set<string>();
      const n = 1 + r.int(3);
      for (let k = 0; k < n; k++) {
        const column = r.pick(header.slice(0, -2));
        touched.add(column);
        cells[column] = hostileValue(r);
      }
      rows.push({ kind: 'hostile', cells, touched });
    } else {
      const list = header.map((h) => cells[h]!);
      const wrong = r.chance(0.5) ? [...list, ...Array.from({ length: 1 + r.int(5) }, () => hostileValue(r))] : list.slice(0, 2 + r.int(list.length - 2));
      rows.push({ kind: 'length', cells: wrong });
    }
  }
  if (opts.hugeCell) {
    const target = rows.find((m) => m.kind !== 'length')!;
    const column = r.pick(header);
    target.cells[column] = column === 'notes' || column === 'free_text' ? `${MARKER}${'é'.repeat(500_000)}` : 'W'.repeat(1_000_000);
    if (column !== 'notes' && column !== 'free_text') {
      if (target.kind === 'hostile') target.touched.add(column);
      else rows[rows.indexOf(target)] = { kind: 'hostile', cells: target.cells, touched: new Set([column]) };
    }
  }
  const eol = r.pick(['\n', '\r\n']);
  const body = rows.map((m) => line(m.kind === 'length' ? m.cells : header.map((h) => m.cells[h]!)));
  const text = (r.chance(0.3) ? '\uFEFF' : '') + [header.join(','), ...body].join(eol) + (r.chance(0.5) ? eol : '');
  return { header, rows, text };
}

/** The values in a file that a message must never quote: every hostile cell, and the cells of
 * columns that hold personal data. (Not codes such as a category, which a reason may name.) */
const PERSONAL = new Set(['given_name', 'family_name', 'date_of_birth', 'nhs_number', 'address', 'postcode', 'uprn', 'notes', 'free_text']);
function valuesOf(file: MadeFile, contract: FeedContract): string[] {
  const names = new Set([...contractColumns(contract), ...file.header]);
  const values = new Set<string>();
  const add = (v: string) => {
    const t = v.trim();
    // Short values ("=", "0", "NaN") and column names turn up in any sentence.
    if (t.length >= 5 && !names.has(t)) values.add(t);
  };
  for (const m of file.rows) {
    if (m.kind === 'length') m.cells.slice(file.header.length).forEach(add);
    else {
      for (const [k, v] of Object.entries(m.cells)) if (PERSONAL.has(k)) add(v);
      if (m.kind === 'hostile') for (const k of m.touched) add(m.cells[k]!);
    }
  }
  return [...values];
}

function expectNoValueIn(text: string, values: string[], where: string) {
  const leaked = values.find((v) => text.includes(v));
  expect(leaked, `${where} quotes a cell of the file`).toBeUndefined();
}

/** Reasons that may blame a row whose `touched` columns were made hostile. */
function reasonAllowed(contract: FeedContract, reason: string, touched: Set<string>): boolean {
  if (reason.startsWith('address is required when uprn is blank')) return touched.has('uprn') || touched.has('address');
  if (reason.startsWith('a person needs')) return PERSON.some((p) => touched.has(p));
  const column = reason.split(' ')[0]!;
  return touched.has(column) && contractColumns(contract).includes(column);
}

/** The row read back from the database: what each stored column holds. */
async function storedRows(database: ReturnType<typeof withSmallBorough>['database'], feed: FeedId, ids: string[]) {
  const rows = await database.query<Record<string, string | null>>(
    sql`SELECT i.source_id, i.address_text, i.postcode, i.category, i.contact_date::text AS contact_date, t.code AS lead_team,
               i.sensitive::text AS sensitive, i.attendance, p.given_name, p.family_name, p.date_of_birth::text AS date_of_birth, p.sex, p.nhs_number
        FROM involvements i JOIN teams t ON t.id = i.lead_team_id
        LEFT JOIN person_records p ON p.feed = i.feed AND p.source_id = i.source_id
        WHERE i.feed = ${feed} AND i.source_id = ANY(${sql.param(ids)}::text[])`,
  );
  return new Map(rows.map((r) => [r.source_id!, r]));
}

const stored = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());

describe(`hostile feed files (${backendName()}, seed ${SEED})`, () => {
  const borough = withSmallBorough();
  let fileNo = 0;

  /** Big files are read in a worker thread: `rowStage` sends a small one there too. */
  async function ingest(feed: FeedId, content: string | Buffer, rowStage: 'thread' | 'worker' = 'thread'): Promise<UploadReport | FeedFileError> {
    const path = borough.files.write(`fuzz-${feed}-${++fileNo}.csv`, content);
    try {
      return await ingestFeedFile(borough.database, { feed, path, rowStage });
    } catch (e) {
      if (e instanceof FeedFileError) return e;
      throw e;
    }
  }

  /** Rows with hostile cells that were accepted (and so read back): a formula sign or an emoji in an address. */
  let hostileAccepted = 0;

  async function checkApplied(contract: FeedContract, file: MadeFile, report: UploadReport, label: string) {
    expect(report.rows, label).toBe(file.rows.length);
    expect(report.accepted + report.rejected, label).toBe(report.rows);
    expect(report.rejections.length, label).toBe(report.rejected);
    expect(report.ignoredColumns, label).toEqual(['notes', 'free_text']);
    const values = valuesOf(file, contract);
    expectNoValueIn(JSON.stringify(report), values, `${label}: the report`);
    const byRow = new Map(report.rejections.map((x) => [x.row, x.reasons]));
    expect(byRow.size, `${label}: one rejection per row`).toBe(report.rejections.length);
    const accepted: { id: string; cells: Row; deleted: boolean }[] = [];
    file.rows.forEach((m, i) => {
      const rowNumber = i + 2;
      const reasons = byRow.get(rowNumber);
      const where = `${label} row ${rowNumber} (${m.kind})`;
      if (reasons) expect(reasons.length, where).toBeGreaterThan(0);
      if (m.kind === 'valid') expect(reasons, `${where}: a good row is accepted, not ${reasons?.join("; ")}`).toBeUndefined();
      else if (m.kind === 'length') expect(reasons, where).toEqual([`row has ${m.cells.length} cells but the header has ${file.header.length}`]);
      else if (reasons) for (const reason of reasons) expect(reasonAllowed(contract, reason, m.touched), `${where}: "${reason}" blames a column left alone`).toBe(true);
      if (m.kind === 'hostile' && !reasons) hostileAccepted++;
      if (m.kind !== 'length' && !reasons) {
        const deleted = contract.kind === 'incremental' && m.cells.action?.trim().toLowerCase() === 'delete';
        accepted.push({ id: m.cells[contract.idColumn]!.trim(), cells: m.cells, deleted });
      }
    });
    expect(accepted.length, label).toBe(report.accepted);
    // What was accepted reads back as it was sent (trimmed; a sex code in capitals). A hostile id
    // cell may repeat an id: the later row wins.
    const latest = new Map(accepted.map((a) => [a.id, a]));
    const back = await storedRows(borough.database, contract.id, [...latest.keys()]);
    for (const a of latest.values()) {
      const got = back.get(a.id);
      const where = `${label} row ${file.rows.findIndex((m) => m.kind !== 'length' && m.cells === a.cells) + 2}`;
      if (a.deleted) {
        expect(got, `${where}: withdrawn`).toBeUndefined();
        continue;
      }
      expect(got, where).toBeDefined();
      const c = a.cells;
      const person = stored(c.given_name) !== null;
      expect(
        {
          address_text: got!.address_text,
          postcode: got!.postcode,
          category: got!.category,
          contact_date: got!.contact_date,
          lead_team: got!.lead_team,
          sensitive: got!.sensitive,
          attendance: got!.attendance,
          given_name: got!.given_name,
          family_name: got!.family_name,
          date_of_birth: got!.date_of_birth,
          sex: got!.sex,
          nhs_number: got!.nhs_number,
        },
        where,
      ).toEqual({
        address_text: stored(c.address),
        postcode: stored(c.postcode),
        category: stored(c.category),
        contact_date: stored(c[contract.dateColumn]),
        lead_team: stored(c.lead_team),
        sensitive: stored(c.sensitive_address) === 'Y' ? 'true' : 'false',
        attendance: stored(c.attendance_type),
        given_name: person ? stored(c.given_name) : null,
        family_name: person ? stored(c.family_name) : null,
        date_of_birth: person ? stored(c.date_of_birth) : null,
        sex: person ? (stored(c.sex)?.toUpperCase() ?? null) : null,
        nhs_number: person ? (stored(c.nhs_number)?.replace(/\s+/g, '') ?? null) : null,
      });
    }
  }

  function expectRefused(result: UploadReport | FeedFileError, codes: FeedFileError['code'][], values: string[], label: string): FeedFileError {
    expect(result, `${label}: refused as a whole`).toBeInstanceOf(FeedFileError);
    const e = result as FeedFileError;
    expect(codes, `${label}: ${e.code} ${e.message}`).toContain(e.code);
    expect(e.message.length, label).toBeGreaterThan(10);
    expectNoValueIn(e.message, values, `${label}: the refusal`);
    return e;
  }

  for (const feed of FEEDS) {
    const contract = FEED_CONTRACTS[feed];

    it(`${feed}: files of good rows mixed with hostile cells and rows account for every row (seed ${SEED})`, async () => {
      const r = seededRandom(SEED ^ (FEEDS.indexOf(feed) + 1) * 7919);
      hostileAccepted = 0;
      for (let n = 0; n < 4; n++) {
        const file = mixedFile(contract, r, `F${n}`, 30 + r.int(40), { hugeCell: n === 3 });
        const label = `${feed} file ${n} (seed ${SEED})`;
        // A file of a snapshot and of an incremental feed through the worker thread, where the
        // cells cross a thread boundary (a worker costs a second to start: not one for every feed).
        const result = await ingest(feed, file.text, n === 1 && WORKER_FEEDS.includes(feed) ? 'worker' : 'thread');
        if (result instanceof FeedFileError) throw new Error(`${label}: refused as a whole (${result.code}: ${result.message})`);
        await checkApplied(contract, file, result, label);
      }
      // Hostile is not the same as wrong: some such rows must have been taken, and read back as sent.
      expect(hostileAccepted).toBeGreaterThan(0);
    });

    it(`${feed}: a file that is not UTF-8, or whose quotes never close, is refused whole (seed ${SEED})`, async () => {
      const r = seededRandom(SEED ^ (FEEDS.indexOf(feed) + 1) * 104729);
      const file = mixedFile(contract, r, 'U', 12, { plain: true });
      const values = valuesOf(file, contract);
      const bytes = Buffer.from(file.text, 'utf8');
      for (const bad of [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0xe2, 0x82]]) {
        const at = r.chance(0.5) ? bytes.length : bytes.indexOf(0x0a) + 1 + r.int(bytes.length - bytes.indexOf(0x0a) - 1);
        const broken = Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]);
        const stage = bad[0] === 0xed && feed === 'police' ? 'worker' : 'thread';
        expectRefused(await ingest(feed, broken, stage), ['not_utf8'], values, `${feed}: bytes ${bad.map((b) => b.toString(16)).join(' ')} at ${at} (${stage})`);
      }
      // A quote opened in a cell and never closed swallows the rest of the file.
      const lines = file.text.split(/\r?\n/).filter((l) => l !== '');
      const k = 1 + r.int(lines.length - 1);
      for (let j = k; j < lines.length; j++) lines[j] = lines[j]!.replaceAll('"', '');
      lines[k] = lines[k]!.replace(',', ',"');
      expectRefused(await ingest(feed, lines.join('\n')), ['malformed_csv'], values, `${feed}: unbalanced quote`);
      // A stray quote inside an unquoted cell.
      lines[k] = `${contract.idColumn === 'case_id' ? 'C' : 'I'}-1,2026-11-01,"bad"x,,,,,,,,,`;
      expectRefused(await ingest(feed, lines.join('\n')), ['malformed_csv'], values, `${feed}: stray quote`);
    });

    it(`${feed}: random bytes, and random text, are refused whole or accounted for row by row (seed ${SEED})`, async () => {
      const r = seededRandom(SEED ^ (FEEDS.indexOf(feed) + 1) * 15485863);
      for (let n = 0; n < 6; n++) {
        const content = n % 2 === 0 ? randomBytes(64 + r.int(4096)) : `${contractColumns(contract).join(',')}\n${randomText(r, 3000)}`;
        const result = await ingest(feed, content);
        if (result instanceof FeedFileError) expect(result.message.length).toBeGreaterThan(10);
        else {
          expect(result.accepted + result.rejected).toBe(result.rows);
          for (const x of result.rejections) expect(x.reasons.every((s) => /^[a-z_]+ |^row has \d+ cells/.test(s))).toBe(true);
        }
      }
    });

    it(`${feed}: a header with a million columns, or hostile column names, is refused with a clear message (seed ${SEED})`, async () => {
      const columns = contractColumns(contract);
      const wide = `${columns.join(',')}${',x'.repeat(1_000_000)}\n`;
      const e = expectRefused(await ingest(feed, wide), ['bad_header'], [], `${feed}: a million columns`);
      expect(e.message).toMatch(/at most 100/);
      // One header cell of a million characters.
      expectRefused(await ingest(feed, `${columns.join(',')},${'h'.repeat(1_000_000)}\n`), ['bad_header'], [], `${feed}: a huge column name`);
      // Names no partner system writes: refused, never stored as an ignored column.
      for (const name of ['a\u0000b', 'bell\u0007', '\u202Eeman', 'two\nlines', '\u001b[2J']) {
        const text = `${columns.join(',')},${cell(name)}\n`;
        expectRefused(await ingest(feed, text), ['bad_header'], [name], `${feed}: column name ${JSON.stringify(name)}`);
      }
      // Names a spreadsheet might add, harmless as text: listed as ignored, never stored as data.
      const odd = ['=1+1', '👩‍👩‍👧', 'notes (free text)', "'; DROP TABLE uploads; --"];
      const valid = validRow(contract, seededRandom(SEED), 'H-1');
      const text = [[...columns, ...odd].map(cell).join(','), line([...columns.map((c) => valid[c]!), ...odd.map(() => `${MARKER} x`)])].join('\n');
      const report = await ingest(feed, text);
      if (report instanceof FeedFileError) throw new Error(`${feed}: odd column names refused: ${report.message}`);
      expect(report.ignoredColumns).toEqual(odd.map((o) => o.toLowerCase()));
      expect(report.accepted).toBe(1);
    });
  }

  it('never stores a column the contracts do not name', async () => {
    expect(await tablesHolding(borough.database, MARKER)).toEqual([]);
  });
});
