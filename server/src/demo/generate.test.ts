// What the rest of mast relies on from the synthetic borough: reproducible files, feed files that
// fit their contracts (and rows that break them exactly where the truth says), a consistent
// gazetteer, the showcase fixtures, and volumes in proportion to --scale.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRow, contractColumns, FEED_CONTRACTS, FEED_IDS, GAZETTEER_COLUMNS, TEAM_COLUMNS, TEAM_OPTIONAL_COLUMNS, type FeedId } from '@mast/shared';
import { generateActivity } from './activity.ts';
import { buildGazetteer } from './addresses.ts';
import { ageOn, dayOf } from './dates.ts';
import {
  BEECH_COURT_FLAT_4_UPRN, BEECH_COURT_FLAT_UPRNS, BEECH_COURT_UPRN, CASE_STUDY_UPRN, LEANNE_KELLY, QUIET_HOUSE_UPRN,
  SANDRA_KELLY, TYLER_BROOKS,
} from './fixtures.ts';
import { generateBorough, type GenerateResult } from './generate.ts';
import { parseGenerateArgs } from './generate-cli.ts';
import { populate } from './people.ts';

const AS_OF = '2026-06-30';
const SCALE = 0.01;
const dirs: string[] = [];

async function generate(seed: number): Promise<GenerateResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mast-borough-'));
  dirs.push(dir);
  return generateBorough({ outDir: dir, seed, scale: SCALE, asOf: AS_OF });
}

function readCsv(path: string): { header: string[]; rows: Record<string, string>[] } {
  const [header = [], ...body] = parse(readFileSync(path), { relax_column_count: false }) as string[][];
  return { header, rows: body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']))) };
}

const allFiles = (r: GenerateResult) => [r.files.gazetteer, r.files.teams, r.files.truth, ...FEED_IDS.map((f) => r.files.feeds[f])];
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const dateColumn = (feed: FeedId) => FEED_CONTRACTS[feed].dateColumn;

let a: GenerateResult;
let truth: Record<string, string>[];
/** Truth rows per feed, in the same order as that feed's file. */
let truthOf: Record<FeedId, Record<string, string>[]>;
let feeds: Record<FeedId, { header: string[]; rows: Record<string, string>[] }>;
let gazetteer: Record<string, string>[];

beforeAll(async () => {
  a = await generate(1);
  truth = readCsv(a.files.truth).rows;
  truthOf = Object.fromEntries(FEED_IDS.map((f) => [f, truth.filter((t) => t.feed === f)])) as typeof truthOf;
  feeds = Object.fromEntries(FEED_IDS.map((f) => [f, readCsv(a.files.feeds[f])])) as typeof feeds;
  gazetteer = readCsv(a.files.gazetteer).rows;
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('generateBorough', () => {
  it('writes byte-identical files for the same options and different ones for another seed', async () => {
    const again = await generate(1);
    const other = await generate(2);
    expect(allFiles(again).map(sha)).toEqual(allFiles(a).map(sha));
    const otherHashes = allFiles(other).map(sha);
    expect(otherHashes[0]).not.toEqual(sha(a.files.gazetteer));
    for (const f of FEED_IDS) expect(sha(other.files.feeds[f])).not.toEqual(sha(a.files.feeds[f]));
    // The fixtures' addresses do not depend on the seed.
    const fixed = (rows: Record<string, string>[]) => rows.filter((r) => r.uprn!.startsWith('1000000')).map((r) => JSON.stringify(r));
    expect(fixed(readCsv(other.files.gazetteer).rows)).toEqual(fixed(gazetteer));
  });

  it('gives each file its contract columns as header (NHS with one extra column; teams with their out-of-hours line)', () => {
    for (const f of FEED_IDS) {
      const expected = contractColumns(FEED_CONTRACTS[f]);
      expect(feeds[f].header).toEqual(f === 'nhs' ? [...expected, 'triage_code'] : expected);
    }
    expect(readCsv(a.files.gazetteer).header).toEqual([...GAZETTEER_COLUMNS]);
    expect(readCsv(a.files.teams).header).toEqual([...TEAM_COLUMNS, ...TEAM_OPTIONAL_COLUMNS]);
  });

  it('makes every row pass or fail the contract exactly as the truth file says', () => {
    for (const f of FEED_IDS) {
      const t = truthOf[f];
      const rows = feeds[f].rows;
      expect(t.length).toBe(rows.length);
      const ids = new Set<string>();
      rows.forEach((row, i) => {
        const id = row[FEED_CONTRACTS[f].idColumn]!;
        expect(t[i]!.source_id).toBe(id);
        if (id) {
          expect(ids.has(id)).toBe(false);
          ids.add(id);
        }
        const check = checkRow(FEED_CONTRACTS[f], row);
        expect({ feed: f, id, ok: check.ok }).toEqual({ feed: f, id, ok: t[i]!.expect_rejected === '0' });
      });
      const rejected = t.filter((r) => r.expect_rejected === '1').length;
      if (FEED_CONTRACTS[f].kind === 'incremental') {
        expect(rejected).toBeGreaterThanOrEqual(1);
        expect(rejected / rows.length).toBeLessThan(0.04);
      } else expect(rejected).toBe(0);
    }
  });

  it('keeps the gazetteer consistent: unique UPRNs, real parents, every true UPRN present', () => {
    const uprns = new Set(gazetteer.map((g) => g.uprn!));
    expect(uprns.size).toBe(gazetteer.length);
    for (const g of gazetteer) {
      expect(g.uprn).toMatch(/^[1-9]\d{0,11}$/);
      expect(g.postcode).toMatch(/^MB\d{1,2} \d[ABDEFGHJLNPQRSTUWXYZ]{2}$/);
      if (g.parent_uprn) expect(uprns.has(g.parent_uprn)).toBe(true);
    }
    for (const t of truth) expect(uprns.has(t.true_uprn!)).toBe(true);
    // Feed rows that carry a UPRN carry the true one.
    for (const f of FEED_IDS) {
      feeds[f].rows.forEach((row, i) => row.uprn && expect(row.uprn).toBe(truthOf[f][i]!.true_uprn));
    }
  });

  it('lists 2-6 teams per feed and every row names one of its feed’s teams', () => {
    const teams = readCsv(a.files.teams).rows;
    for (const f of FEED_IDS) {
      const codes = new Set(teams.filter((t) => t.feed === f).map((t) => t.code!));
      expect(codes.size).toBeGreaterThanOrEqual(2);
      expect(codes.size).toBeLessThanOrEqual(6);
      for (const row of feeds[f].rows) expect(codes.has(row.lead_team!)).toBe(true);
    }
    for (const t of teams) expect(t.phone).toMatch(/^(01632 960\d{3}|07700 900\d{3})$/);
  });

  it('holds the case-study household at 27 Mill Lane: 29 contacts in 13 weeks and an open adults case', () => {
    const house = gazetteer.find((g) => g.uprn === CASE_STUDY_UPRN)!;
    expect(house).toMatchObject({ building_number: '27', street: 'Mill Lane', postcode: 'MB3 4RT', parent_uprn: '', sub_building: '' });
    const since = dayOf(AS_OF) - 91;
    const at = (f: FeedId) => feeds[f].rows.filter((_, i) => truthOf[f][i]!.true_uprn === CASE_STUDY_UPRN);
    for (const [f, n] of [['nhs', 15], ['fire', 3], ['police', 11], ['council-adults', 1], ['council-children', 0]] as const) {
      const rows = at(f);
      expect(rows.length, f).toBe(n);
      if (FEED_CONTRACTS[f].kind === 'incremental') for (const r of rows) expect(dayOf(r[dateColumn(f)]!)).toBeGreaterThan(since);
    }
    const adults = at('council-adults')[0]!;
    expect(adults).toMatchObject({ category: 'self-neglect', given_name: 'Sandra', family_name: 'Kelly', date_of_birth: SANDRA_KELLY.dateOfBirth });
    const people = new Set(truth.filter((t) => t.true_uprn === CASE_STUDY_UPRN).map((t) => t.true_person_id));
    expect(people).toEqual(new Set([SANDRA_KELLY.id, LEANNE_KELLY.id, '']));
  });

  it('leaves 1 Acacia Avenue without any partner involvement', () => {
    expect(gazetteer.find((g) => g.uprn === QUIET_HOUSE_UPRN)).toMatchObject({ building_number: '1', street: 'Acacia Avenue', postcode: 'MB1 1AA' });
    expect(truth.filter((t) => t.true_uprn === QUIET_HOUSE_UPRN)).toEqual([]);
  });

  it('builds Beech Court with 12 flats, where only Flat 4 has a children’s case and two police incidents', () => {
    expect(gazetteer.find((g) => g.uprn === BEECH_COURT_UPRN)).toMatchObject({ building_name: 'Beech Court', building_number: '5', street: 'Station Road', postcode: 'MB2 3PL' });
    const flats = gazetteer.filter((g) => g.parent_uprn === BEECH_COURT_UPRN);
    expect(flats.map((g) => g.sub_building)).toEqual(Array.from({ length: 12 }, (_, i) => `Flat ${i + 1}`));
    expect(flats.map((g) => g.uprn)).toEqual([...BEECH_COURT_FLAT_UPRNS]);
    const touching = truth.filter((t) => t.true_uprn === BEECH_COURT_UPRN || BEECH_COURT_FLAT_UPRNS.includes(t.true_uprn!));
    expect(touching.every((t) => t.true_uprn === BEECH_COURT_FLAT_4_UPRN)).toBe(true);
    expect(touching.filter((t) => t.feed === 'police')).toHaveLength(2);
    const cases = touching.filter((t) => t.feed === 'council-children');
    expect(cases).toHaveLength(1);
    const row = feeds['council-children'].rows.find((r) => r.case_id === cases[0]!.source_id)!;
    expect(row).toMatchObject({ category: 'child-protection', given_name: 'Tyler', family_name: 'Brooks', date_of_birth: TYLER_BROOKS.dateOfBirth, sex: 'M' });
    const since = dayOf(AS_OF) - 92;
    for (const t of touching.filter((x) => x.feed === 'police')) {
      const r = feeds.police.rows.find((p) => p.incident_id === t.source_id)!;
      expect(dayOf(r.incident_date!)).toBeGreaterThan(since);
    }
  });

  it('produces about 1% of the scale-1 volumes at scale 0.01', () => {
    const near = (actual: number, expected: number) => {
      expect(actual).toBeGreaterThan(expected * 0.7);
      expect(actual).toBeLessThan(expected * 1.3);
    };
    near(gazetteer.length, 1_200);
    near(a.counts.residents!, 2_900);
    near(feeds.police.rows.length, 450);
    near(feeds.nhs.rows.filter((r) => r.attendance_type === 'attended').length, 800);
    near(feeds.nhs.rows.filter((r) => r.attendance_type === 'did-not-attend').length, 150);
    near(feeds.fire.rows.length, 30);
    near(feeds['council-children'].rows.length, 25);
    near(feeds['council-adults'].rows.length, 40);
    for (const r of feeds.nhs.rows) if (r.attendance_type === 'did-not-attend') expect(r.category).toBe('did-not-attend');
  });

  it('carries UPRNs, people and NHS numbers at the stated rates', () => {
    const share = (rows: Record<string, string>[], has: (r: Record<string, string>) => boolean) => rows.filter(has).length / rows.length;
    const incremental = [...feeds.police.rows, ...feeds.nhs.rows, ...feeds.fire.rows];
    expect(share(incremental, (r) => !!r.uprn)).toBeGreaterThan(0.06);
    expect(share(incremental, (r) => !!r.uprn)).toBeLessThan(0.15);
    const council = [...feeds['council-adults'].rows, ...feeds['council-children'].rows];
    expect(share(council, (r) => !!r.uprn)).toBeGreaterThan(0.8);
    expect(share(feeds.police.rows, (r) => !!r.given_name)).toBeGreaterThan(0.5);
    expect(share(feeds.police.rows, (r) => !!r.given_name)).toBeLessThan(0.7);
    expect(share(feeds.nhs.rows, (r) => !!r.nhs_number)).toBeGreaterThan(0.6);
    expect(share(feeds.nhs.rows, (r) => !!r.nhs_number)).toBeLessThan(0.8);
    expect(share(incremental, (r) => !r.postcode)).toBeGreaterThan(0.06);
    expect(share(incremental, (r) => !r.postcode)).toBeLessThan(0.15);
  });

  it('opens children’s cases only for children and adults’ cases only for adults', () => {
    const gaz = buildGazetteer(1, SCALE);
    const pop = populate(gaz.properties, 1, AS_OF);
    const asOfDay = dayOf(AS_OF);
    const events = generateActivity(pop, { seed: 1, scale: SCALE, asOf: AS_OF, fixtureCounts: {} });
    for (const e of events) {
      if (e.feed === 'council-children') expect(ageOn(e.person!.dobDay, asOfDay)).toBeLessThan(18);
      if (e.feed === 'council-adults') expect(ageOn(e.person!.dobDay, asOfDay)).toBeGreaterThanOrEqual(18);
      if (e.person) expect(e.person.dobDay).toBeLessThanOrEqual(e.day);
      expect(e.day).toBeLessThanOrEqual(asOfDay);
    }
  });

  it('works at a tiny scale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mast-borough-'));
    dirs.push(dir);
    const tiny = await generateBorough({ outDir: dir, scale: 0.0001, asOf: AS_OF });
    expect(tiny.counts.addresses).toBeGreaterThan(100);
    for (const f of FEED_IDS) expect(tiny.counts[f]).toBeGreaterThan(0);
  });
});

describe('parseGenerateArgs', () => {
  it('reads --seed, --scale, --out and --as-of, with ./demo as the default folder', () => {
    expect(parseGenerateArgs([])).toEqual({ outDir: './demo' });
    expect(parseGenerateArgs(['--seed', '7', '--scale=0.5', '--out', '/tmp/x', '--as-of', '2026-01-31'])).toEqual({
      outDir: '/tmp/x', seed: 7, scale: 0.5, asOf: '2026-01-31',
    });
    expect(() => parseGenerateArgs(['--colour', 'red'])).toThrow(/unknown option/);
    expect(() => parseGenerateArgs(['--seed'])).toThrow(/needs a value/);
  });
});
