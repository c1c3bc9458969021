// The synthetic borough generator: a gazetteer, partner teams, a year of feed files and the truth
// behind them, and optionally up to 24 months of history before that year, all from a seed. Same options, byte-identical files: every random draw comes from
// the seeded streams in prng.ts, and the clock is read only for the default asOf. The output is
// the demo data loaded on first start and the yardstick every benchmark measures against.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { contractColumns, FEED_CONTRACTS, FEED_IDS, GAZETTEER_COLUMNS, TEAM_COLUMNS, TEAM_OPTIONAL_COLUMNS, type FeedId } from '@mast/shared';
import { generateActivity, type VOLUMES } from './activity.ts';
import { buildGazetteer } from './addresses.ts';
import { CsvWriter } from './csv-writer.ts';
import { dayOf, todayIso } from './dates.ts';
import type { VariationStats } from './errors.ts';
import { FIXTURE_ROWS } from './fixtures.ts';
import { ageBand, checkMonths, generateHistory, monthIso, sexLabel } from './history.ts';
import { populate } from './people.ts';
import { Rng } from './prng.ts';
import { assignSourceIds, draftFromEvent, draftFromFixture, invalidate, type Draft } from './rows.ts';
import { TEAMS } from './teams.ts';

export interface GenerateOptions {
  outDir: string;
  /** Default 1. */
  seed?: number;
  /** Default 1 (about 120,000 addresses and 290,000 residents). */
  scale?: number;
  /** YYYY-MM-DD, the last day of the year of activity. Default today (UTC). */
  asOf?: string;
  /** Police rows to generate instead of the scaled volume (bench:ingest makes a million). */
  policeRows?: number;
  /** Months of activity, 12 to 36 (default 12): the last 12 are the feed files, the months
   * before them the history files (history.ts). */
  months?: number;
}

export interface GenerateResult {
  outDir: string;
  files: {
    gazetteer: string;
    teams: string;
    truth: string;
    feeds: Record<FeedId, string>;
    /** The months before the live year, for the demo loader only: contacts and cases, and alerts. */
    history: { involvements: string; alerts: string };
  };
  counts: Record<string, number>;
}

export const TRUTH_COLUMNS = ['feed', 'source_id', 'true_uprn', 'true_person_id', 'expect_rejected'] as const;
/** Months only, never a day: what retention would have kept, with the truth in place of its keys. */
export const HISTORY_INVOLVEMENT_COLUMNS = ['feed', 'category', 'attendance', 'month', 'last_month', 'postcode_district', 'true_uprn', 'true_person_id'] as const;
export const HISTORY_ALERT_COLUMNS = [
  'rule', 'subject_kind', 'lead_feed', 'agencies', 'raised_month', 'last_month', 'hours_to_acknowledge', 'closed_month', 'closed_reason',
  'postcode_district', 'age_band', 'sex', 'true_uprn', 'true_person_id',
] as const;
/** A column real NHS extracts carry that is not in the contract: the pipeline must ignore it. */
export const NHS_EXTRA_COLUMN = 'triage_code';
/** Share of each incremental feed's rows made invalid on purpose. */
const INVALID_SHARE = 0.002;

/** The header a generated feed file carries. */
export function feedHeader(feed: FeedId): string[] {
  const columns = contractColumns(FEED_CONTRACTS[feed]);
  return feed === 'nhs' ? [...columns, NHS_EXTRA_COLUMN] : columns;
}

export async function generateBorough(opts: GenerateOptions): Promise<GenerateResult> {
  const seed = opts.seed ?? 1;
  const scale = opts.scale ?? 1;
  const asOf = opts.asOf ?? todayIso();
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error('seed must be a whole number from 0 to 4294967295');
  if (!Number.isFinite(scale) || scale <= 0 || scale > 100) throw new Error('scale must be a number above 0 and at most 100');
  dayOf(asOf); // throws on a malformed date
  const months = opts.months ?? 12;
  checkMonths(months);

  const outDir = resolve(opts.outDir);
  await mkdir(join(outDir, 'feeds'), { recursive: true });
  await mkdir(join(outDir, 'history'), { recursive: true });
  const files: GenerateResult['files'] = {
    gazetteer: join(outDir, 'gazetteer.csv'),
    teams: join(outDir, 'teams.csv'),
    truth: join(outDir, 'truth.csv'),
    feeds: Object.fromEntries(FEED_IDS.map((f) => [f, join(outDir, 'feeds', `${f}.csv`)])) as Record<FeedId, string>,
    history: { involvements: join(outDir, 'history', 'involvements.csv'), alerts: join(outDir, 'history', 'alerts.csv') },
  };
  const counts: Record<string, number> = {};

  const gazetteer = buildGazetteer(seed, scale);
  const population = populate(gazetteer.properties, seed, asOf);
  counts.addresses = gazetteer.properties.length;
  counts['parent-addresses'] = gazetteer.properties.filter((p) => !p.residential).length;
  counts.streets = gazetteer.streets;
  counts.postcodes = gazetteer.postcodes;
  counts.households = population.households.length;
  counts.residents = population.people.length;
  counts['troubled-households'] = population.households.filter((h) => h.tier === 2).length;

  const fixtureCounts: Partial<Record<keyof typeof VOLUMES, number>> = {
    police: FIXTURE_ROWS.filter((r) => r.feed === 'police').length,
    nhsAttended: FIXTURE_ROWS.filter((r) => r.feed === 'nhs' && r.attendance !== 'did-not-attend').length,
    nhsDidNotAttend: FIXTURE_ROWS.filter((r) => r.attendance === 'did-not-attend').length,
    fire: FIXTURE_ROWS.filter((r) => r.feed === 'fire').length,
    children: FIXTURE_ROWS.filter((r) => r.feed === 'council-children').length,
    adults: FIXTURE_ROWS.filter((r) => r.feed === 'council-adults').length,
  };
  if (opts.policeRows !== undefined && (!Number.isInteger(opts.policeRows) || opts.policeRows < 0)) throw new Error('police rows must be a whole number');
  const volumes = opts.policeRows !== undefined ? { police: opts.policeRows } : undefined;
  const events = generateActivity(population, { seed, scale, asOf, fixtureCounts, volumes });

  // Rows per feed: random activity first, then the fixtures; the date sort is stable. One feed's
  // rows are drafted, written and let go before the next: a national sample's year of rows would
  // not fit in memory at once. Each feed draws from its own stream, and the fixtures' shared
  // stream is drawn first, so the files are the same as drafting them all together.
  const stats: VariationStats = {};
  const fixtureRng = new Rng(seed, 'fixture-rows');
  const fixtureDrafts = new Map<FeedId, Draft[]>(FEED_IDS.map((f) => [f, []]));
  for (const f of FIXTURE_ROWS) fixtureDrafts.get(f.feed)!.push(draftFromFixture(fixtureRng, f, asOf));

  // Write everything with streams.
  const gz = new CsvWriter(files.gazetteer, GAZETTEER_COLUMNS);
  for (const p of gazetteer.properties) {
    await gz.write([p.uprn, p.parentUprn, p.subBuilding, p.buildingName, p.buildingNumber, p.street, p.locality, p.town, p.postcode, p.lat.toFixed(6), p.lon.toFixed(6)]);
  }
  await gz.close();

  const teams = new CsvWriter(files.teams, [...TEAM_COLUMNS, ...TEAM_OPTIONAL_COLUMNS]);
  for (const t of TEAMS) await teams.write([t.feed, t.code, t.name, t.phone, t.hours, t.outOfHours?.name ?? '', t.outOfHours?.phone ?? '']);
  await teams.close();
  counts.teams = TEAMS.length;

  const invalidRng = new Rng(seed, 'invalid-rows');
  const truth = new CsvWriter(files.truth, TRUTH_COLUMNS);
  for (const feed of FEED_IDS) {
    const rowRng = new Rng(seed, `rows-${feed}`);
    const drafts: Draft[] = [];
    for (const e of events) if (e.feed === feed) drafts.push(draftFromEvent(rowRng, e, asOf, stats));
    drafts.push(...fixtureDrafts.get(feed)!);
    const list = assignSourceIds(feed, drafts);
    if (FEED_CONTRACTS[feed].kind === 'incremental') {
      // At least one per incremental feed, so even a tiny demo exercises rejection; never a fixture.
      const candidates = list.filter((d) => !d.fixture);
      const wanted = Math.min(candidates.length, Math.max(1, Math.round(list.length * INVALID_SHARE)));
      const chosen = new Set<Draft>();
      while (chosen.size < wanted) chosen.add(invalidRng.pick(candidates));
      for (const d of list) if (chosen.has(d)) note(counts, `rejected-${feed}.${invalidate(invalidRng, d)}`);
    }

    const header = feedHeader(feed);
    const idColumn = FEED_CONTRACTS[feed].idColumn;
    const out = new CsvWriter(files.feeds[feed], header);
    let rejected = 0;
    for (const d of list) {
      await out.write(header.map((c) => d.cells[c] ?? ''));
      await truth.write([feed, d.cells[idColumn] ?? '', d.trueUprn, d.truePersonId, d.expectRejected ? '1' : '0']);
      if (d.expectRejected) rejected++;
    }
    await out.close();
    counts[feed] = out.rows;
    counts[`rejected-${feed}`] = rejected;
    if (feed === 'nhs') {
      counts['nhs-attended'] = list.filter((d) => d.cells.attendance_type === 'attended').length;
      counts['nhs-did-not-attend'] = list.filter((d) => d.cells.attendance_type === 'did-not-attend').length;
    }
  }
  await truth.close();

  // The months before the live year (none when months is 12), each file in day order.
  const history = generateHistory(population, { seed, scale, asOf, months });
  const district = (postcode: string) => postcode.split(' ')[0]!;
  const hist = new CsvWriter(files.history.involvements, HISTORY_INVOLVEMENT_COLUMNS);
  for (const i of history.involvements.sort((a, b) => a.day - b.day)) {
    await hist.write([i.feed, i.category, i.attendance ?? '', monthIso(i.day), monthIso(i.lastDay), district(i.household.property.postcode), i.household.property.uprn, i.person?.id ?? '']);
  }
  await hist.close();
  counts['history-involvements'] = hist.rows;
  const histAlerts = new CsvWriter(files.history.alerts, HISTORY_ALERT_COLUMNS);
  for (const a of history.alerts) {
    const p = a.person;
    await histAlerts.write([
      a.rule, a.subjectKind, a.leadFeed, a.agencies.join('|'), monthIso(a.raisedDay), monthIso(Math.max(a.latestDay, a.closedDay ?? 0)),
      a.hoursToAcknowledge === null ? '' : String(a.hoursToAcknowledge), a.closedDay === null ? '' : monthIso(a.closedDay), a.closedReason ?? '',
      district(a.household.property.postcode), p ? ageBand(p, a.raisedDay) : '', p ? sexLabel(p) : '', a.household.property.uprn, p?.id ?? '',
    ]);
  }
  await histAlerts.close();
  counts['history-alerts'] = histAlerts.rows;
  for (const [kind, n] of Object.entries(stats).sort()) counts[`variation.${kind}`] = n;

  return { outDir, files, counts };
}

function note(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
