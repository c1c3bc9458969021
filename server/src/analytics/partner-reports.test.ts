// The partner topic on a small borough, read as the mast_reports role: files on time with a missed
// day and a late file, rows rejected and addresses matched by feed, and each partner's share with
// small counts withheld (and the next smallest where a total would give one away).
import { beforeAll, describe, expect, it } from 'vitest';
import { FEED_CONTRACTS, fromLondonTime, type FeedId, type Report } from '@mast/shared';
import { feedArrivals, firstArrivals, readAsReports, recordAudit, refreshReportCounts, sql, type Database } from '@mast/db';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { signedInAs } from '../test/agreement-borough.ts';
import { backendName, withSmallBorough } from '../test/small-borough.ts';
import { onTimeDays, partnerReports } from './partner-reports.ts';
import { addMonths, reportWindow } from './report-window.ts';

const MILL_LANE = 100000000001;
const ACACIA = 100000000002;
const NOW = new Date();
const THIS = NOW.toISOString().slice(0, 7);
/** The last complete month: the files arrive in it, the lookups in this one (the audit is dated by the clock). */
const LAST = addMonths(THIS, -1);
const [Y, M] = LAST.split('-').map(Number) as [number, number];
const DAYS = new Date(Date.UTC(Y, M, 0)).getUTCDate();
const day = (d: number) => `${LAST}-${String(d).padStart(2, '0')}`;

/** A feed file of these rows (every column the contract names, blank unless given). */
function feedFile(feed: FeedId, rows: Record<string, string>[]): string {
  const names = FEED_CONTRACTS[feed].columns.map((c) => c.name);
  return [names.join(','), ...rows.map((r) => names.map((n) => r[n] ?? '').join(','))].join('\n');
}

function person(i: number, extra: Record<string, string>): Record<string, string> {
  return { given_name: 'Alex', family_name: `Testperson${String.fromCharCode(97 + i)}`, date_of_birth: `19${50 + i}-01-0${1 + (i % 9)}`, ...extra };
}

const report = (reports: Report[], id: string) => reports.find((r) => r.id === id)!;
const row = (r: Report, label: string) => r.rows.find((x) => x[0] === label)!;
const cell = (r: Report, label: string, key: string) => row(r, label)[r.columns.findIndex((c) => c.key === key)];

describe(`the partner reports (${backendName()})`, () => {
  const borough = withSmallBorough();
  let database: Database;
  let reports: Report[];

  async function ingest(feed: FeedId, at: number, rows: Record<string, string>[], name: string) {
    const when = new Date(at);
    await ingestFeedFile(database, { feed, path: borough.files.write(name, feedFile(feed, rows)), now: when, receivedAt: when });
  }

  beforeAll(async () => {
    database = borough.database;
    // Police: a file every day by 06:30 UK time, except a missed day (the 10th) and a late file (10:00 on the 15th).
    // The file of the 2nd holds 16 rows: 6 at a matched address, 5 at an address not in the gazetteer, 5 rejected (an unknown category).
    const police = (i: number, extra: Record<string, string>) => person(i, { incident_id: `POL-${i}`, incident_date: day(1), category: 'domestic-abuse', lead_team: 'POL-NORTH', ...extra });
    const policeRows = [
      ...[0, 1, 2, 3, 4, 5].map((i) => police(i, { uprn: String(MILL_LANE) })),
      ...[6, 7, 8, 9, 10].map((i) => police(i, { address: `${i} Nowhere Street`, postcode: 'ZZ9 9ZZ' })),
      ...[11, 12, 13, 14, 15].map((i) => police(i, { uprn: String(MILL_LANE), category: 'not-a-category' })),
    ];
    for (let d = 1; d <= DAYS; d++) {
      if (d === 10) continue;
      const at = d === 15 ? fromLondonTime(Y, M, d, 10, 0) : fromLondonTime(Y, M, d, 6, 30);
      await ingest('police', at, d === 2 ? policeRows : [], `police-${d}.csv`);
    }
    // Fire: one file, on time on the 20th: 5 rows at a matched address and 2 rejected.
    const fire = (i: number, extra: Record<string, string>) =>
      person(i, { incident_id: `FRS-${i}`, incident_date: day(1), category: 'hoarding', lead_team: 'FRS-WEST', uprn: String(ACACIA), ...extra });
    await ingest('fire', fromLondonTime(Y, M, 20, 6, 30), [0, 1, 2, 3, 4, 5, 6].map((i) => fire(i, i >= 5 ? { category: 'no-such-thing' } : {})), 'fire.csv');

    // Alerts: six with police evidence, five of them with fire evidence too.
    const [team] = await database.query<{ id: number }>(sql`SELECT id FROM teams WHERE code = 'POL-NORTH'`);
    for (let i = 0; i < 6; i++) {
      const counts = i < 5 ? { police: 3, fire: 1 } : { police: 4 };
      await database.query(sql`INSERT INTO alerts (rule, rules_version, subject_kind, subject_id, uprn, lead_team_id, evidence, latest_contact, raised_at, updated_at)
                               VALUES ('repeat-police-incidents', 'test', 'address', ${`A-${i}`}, ${MILL_LANE}, ${team!.id}, ${JSON.stringify({ counts })}::jsonb,
                                       ${day(1)}::date, ${day(21)}::timestamptz, ${day(21)}::timestamptz)`);
    }

    // Lookups this month: police 7, NHS 6, council 3; a break-glass grant and a report read are not lookups.
    const lookups: [string, string, number][] = [
      ['police/responder', 'view-address', 7],
      ['nhs/practitioner', 'person-search', 6],
      ['council/practitioner', 'view-person', 3],
      ['police/responder', 'break-glass', 4],
      ['council/analyst', 'read-report', 9],
    ];
    for (const [viewer, action, n] of lookups) {
      const { userId } = await signedInAs(database, viewer);
      const [u] = await database.query<{ organisation_id: number; role: string }>(sql`SELECT organisation_id, role FROM users WHERE id = ${userId}`);
      for (let i = 0; i < n; i++) await recordAudit(database.db, { userId, organisationId: u!.organisation_id, role: u!.role, action, purpose: 'welfare-check' });
    }
    await refreshReportCounts(database.db, NOW);
    reports = await readAsReports(database, (tx) => partnerReports(tx, reportWindow(NOW, 2, THIS)));
  });

  it('gives every report its columns on every row, the partner share first', () => {
    expect(reports.map((r) => r.id)).toEqual(['partner-share', 'feed-on-time', 'feed-rejections', 'feed-match-rate', 'uploads-by-month']);
    for (const r of reports) for (const x of [...r.rows, ...(r.total ? [r.total] : [])]) expect(x, r.id).toHaveLength(r.columns.length);
  });

  it('counts a day on time only when a file came by the due time and grace (UK time), from the first file on', () => {
    const r = report(reports, 'feed-on-time');
    expect(row(r, LAST)).toEqual([
      LAST,
      null, // adult social care: never sent
      null, // children's social care: never sent
      Math.round((1000 * 1) / (DAYS - 19)) / 10, // fire: its first file, on the 20th, counts from there
      null, // NHS: never sent
      Math.round((1000 * (DAYS - 2)) / DAYS) / 10, // police: the missed 10th and the late 15th
    ]);
    expect(r.caption).toMatch(/the share of due days with a file on time was highest for Police \([\d.]+%\) and lowest for Fire and rescue \([\d.]+%\)\.$/);
    expect(r.notes.join(' ')).toContain('not counted');
  });

  it('shows the share of rows rejected, withheld where the rejected rows or the rest number under 5', () => {
    const r = report(reports, 'feed-rejections');
    expect(cell(r, LAST, 'police')).toBe(31.3); // 5 of 16
    expect(cell(r, LAST, 'fire')).toBe('<5'); // 2 of 7
    expect(cell(r, LAST, 'nhs')).toBeNull();
    expect(cell(r, THIS, 'police')).toBeNull();
    expect(r.suppressed).toBe(true);
    expect(r.caption).toBe(`From ${monthLabel(LAST)} to ${monthLabel(THIS)}, Police had 31.3% of its rows rejected.`);
  });

  it('shows the share of rows with a matched address', () => {
    const r = report(reports, 'feed-match-rate');
    expect(cell(r, LAST, 'police')).toBe(54.5); // 6 of 11
    expect(cell(r, LAST, 'fire')).toBe(100);
    expect(r.total).toEqual(['All months', null, null, 100, null, 54.5]);
    expect(r.caption).toBe(`From ${monthLabel(LAST)} to ${monthLabel(THIS)}, the share of rows with a matched address was highest for Fire and rescue (100%) and lowest for Police (54.5%).`);
  });

  it('gives each partner its share of rows, matched rows, alerts and its organisation’s lookups, withholding small counts', () => {
    const r = report(reports, 'partner-share');
    const get = (label: string) => Object.fromEntries(r.columns.map((c, i) => [c.key, row(r, label)[i]]));
    expect(get('Police')).toMatchObject({ rows: 11, 'rows-share': 68.8, matched: 6, 'matched-share': 54.5, alerts: 6, 'alerts-share': 100, lookups: 7, 'lookups-share': 43.8 });
    expect(get('Fire and rescue')).toMatchObject({ rows: 5, 'rows-share': 31.3, matched: 5, alerts: 5, 'alerts-share': 83.3, lookups: 0, 'lookups-share': 0 });
    // NHS staff made 6 lookups, the council's 3: the 3 is withheld, and the 6 with it, or the total would tell it.
    expect(get('NHS A&E')).toMatchObject({ rows: 0, lookups: '[c]', 'lookups-share': '[c]' });
    for (const council of ["Children's social care (Borough council)", 'Adult social care (Borough council)'])
      expect(get(council)).toMatchObject({ rows: 0, lookups: '<5', 'lookups-share': '[c]' });
    expect(r.total).toEqual(['All partners', 16, 100, 11, 100, 6, null, 16, 100]);
    expect(r.suppressed).toBe(true);
    expect(r.caption).toBe(
      `From ${monthLabel(LAST)} to ${monthLabel(THIS)}, partners sent 16 rows; Police sent the most (68.8%). Police sent the largest share of rows with a matched address (54.5%). Records from Police counted towards 100% of the 6 alerts raised. Of 16 lookups, police staff made 43.8%.`,
    );
    expect(r.notes.join(' ')).toMatch(/council’s figure appears on both council rows/);
  });

  it('counts the files received, small counts withheld', () => {
    const r = report(reports, 'uploads-by-month');
    // Fire's one file is withheld; police's would give it away beside the month's total, so it is withheld too.
    expect(cell(r, LAST, 'fire')).toBe('<5');
    expect(cell(r, LAST, 'police')).toBe('[c]');
    expect(cell(r, LAST, 'total')).toBe(DAYS);
    expect(r.total![r.columns.findIndex((c) => c.key === 'total')]).toBe(DAYS);
  });

  it('is read as the mast_reports role, which may read no table', async () => {
    await expect(readAsReports(database, (tx) => tx.execute(sql`SELECT count(*) FROM feed_uploads`))).rejects.toThrow();
  });
});

function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${y}`;
}

describe('on-time days, in UK time', () => {
  const feeds = ['council-adults', 'council-children', 'fire', 'nhs', 'police'];
  const police = feeds.indexOf('police');
  const adults = feeds.indexOf('council-adults');
  const at = (iso: string) => ({ feed: 'police', receivedAt: iso });

  it('reads the due time in summer time after the clocks go forward', () => {
    // Due 07:00 UK time, on time until 08:00: in BST that is 07:00 UTC.
    const arrivals = [at('2026-03-30T06:50:00Z'), at('2026-03-31T07:30:00Z')];
    const days = onTimeDays(arrivals, [at('2026-03-30T06:50:00Z')], ['2026-03'], Date.parse('2026-04-05'));
    expect(days.due[police]).toEqual([2]); // the 30th and the 31st
    expect(days.onTime[police]).toEqual([1]); // 08:30 BST on the 31st is late
  });

  it('expects adult social care’s file on weekdays only, and counts from its first file', () => {
    // Monday 2 November 2026 to Sunday 8 November: five weekdays, files on four of them.
    const files = ['02', '03', '04', '06'].map((d) => ({ feed: 'council-adults', receivedAt: `2026-11-${d}T07:30:00Z` }));
    const days = onTimeDays(files, [files[0]!], ['2026-11'], Date.parse('2026-11-09'));
    expect(days.due[adults]).toEqual([5]);
    expect(days.onTime[adults]).toEqual([4]);
  });
});

describe(`the arrivals on-time days are read from (${backendName()})`, () => {
  const borough = withSmallBorough();

  it('holds files that delivered data, and a snapshot sent again unchanged when it came again', async () => {
    const database = borough.database;
    const contract = FEED_CONTRACTS['council-children'];
    const snapshot = (category: string) =>
      feedFile('council-children', [person(0, { [contract.idColumn]: 'CSC-1', [contract.dateColumn]: day(1), category, lead_team: 'CSC-MASH', uprn: String(MILL_LANE) })]);
    const send = (d: number, text: string) => {
      const at = new Date(fromLondonTime(Y, M, d, 6, 30));
      return ingestFeedFile(database, { feed: 'council-children', path: borough.files.write(`csc-${d}.csv`, text), now: at, receivedAt: at });
    };
    await send(3, snapshot('child-in-need'));
    await send(4, snapshot('child-in-need')); // the same bytes again: confirmed, not stored again
    expect((await send(5, snapshot('not-a-category'))).rejected).toBe(1); // every row rejected: not a delivery
    const arrivals = await readAsReports(database, (tx) => feedArrivals(tx, LAST, THIS));
    expect(arrivals.map((a) => a.receivedAt)).toEqual([3, 4].map((d) => new Date(fromLondonTime(Y, M, d, 6, 30)).toISOString().replace('.000Z', 'Z')));
    expect(await readAsReports(database, (tx) => firstArrivals(tx))).toEqual([{ feed: 'council-children', receivedAt: arrivals[0]!.receivedAt }]);
  });
});
