// The alert and impact reports on a small made-up borough, read as the mast_reports role: the
// figures, the captions made from the shown figures, small counts withheld as '<5' with a second
// cell withheld ('[c]') where a total would give one away, and impact labelled descriptive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSchema, type Report, type TopicReports } from '@mast/shared';
import { equalityCounts, impactCounts, openTestDatabase, readAsReports, refreshReportCounts, sql, type Database } from '@mast/db';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { loadGazetteer, loadTeams } from '../gazetteer/load-reference-data.ts';
import { backendName, tempFiles, TEAMS_CSV, type TempFiles } from '../test/small-borough.ts';
import { readTopic } from './topics.ts';
import { alertReports } from './alert-reports.ts';
import { impactReports } from './impact-reports.ts';
import { reportWindow } from './report-window.ts';

const NOW = new Date('2026-11-20T09:00:00Z');
const POLICE = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
// Twenty houses: 1-10 in MB5, 11-20 in MB6 (20's postcode written without its space).
const U = (n: number) => 200000000000 + n;
const GAZETTEER =
  'uprn,parent_uprn,sub_building,building_name,building_number,street,locality,town,postcode,latitude,longitude\n' +
  Array.from({ length: 20 }, (_, i) => `${U(i + 1)},,,,${i + 1},Long Road,Eastfield,Mastbury,${i < 10 ? 'MB5 1AA' : i < 19 ? 'MB6 2BB' : 'MB62BB'},52.5,-1.9`).join('\n') +
  '\n';

const BEFORE = ['2026-03-15', '2026-03-29', '2026-04-12', '2026-04-26', '2026-05-10', '2026-05-24'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGH';
const FAMILIES = ['Ashby', 'Brennan', 'Carrow', 'Dunmore', 'Ellery', 'Fairlie', 'Garside', 'Holroyd', 'Ingleby', 'Jessop', 'Kettering', 'Lowther', 'Mawdsley', 'Northcott'];

describe(`alert and impact reports (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let alerts: TopicReports;
  let impact: TopicReports;
  const report = (topic: TopicReports, id: string): Report => topic.reports.find((r) => r.id === id)!;

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadTeams(database, files.write('teams.csv', TEAMS_CSV));
    await loadGazetteer(database, files.write('gazetteer.csv', GAZETTEER));

    // Contacts (police rows), some naming a person: one person a row, each a family of their own.
    const lines: string[] = [];
    let id = 0;
    let family = 0;
    const row = (date: string, house: number, person?: { given: string; dob: string; sex: 'F' | 'M' }) =>
      lines.push(
        `I-${id++},${date},concern-for-welfare,${person ? `${person.given}${LETTERS[family]},${FAMILIES[family % FAMILIES.length]}${['', 'son', 'ley'][Math.floor(family++ / FAMILIES.length)]},${person.dob},${person.sex}` : ',,,'},${U(house)},,,POL-NORTH`,
      );
    // Houses 1-6, alerted on 1 June 2026: 6 contacts in the 12 weeks before, 2 after. One person
    // at each of 1-4 (65+, F); three at 5 (65+, F) and three at 6 (65+, M).
    for (let h = 1; h <= 6; h++) {
      BEFORE.forEach((d, i) => {
        const people = h <= 4 ? 1 : 3;
        row(d, h, i < people ? { given: 'Ann', dob: `1950-0${1 + i}-${10 + h}`, sex: h === 6 ? 'M' : 'F' } : undefined);
      });
      row('2026-06-14', h);
      row('2026-07-12', h);
    }
    // House 7, alerted the same day: 2 before (one a child), 1 after.
    row('2026-05-01', 7, { given: 'Tia', dob: '2015-04-04', sex: 'F' });
    row('2026-05-02', 7);
    row('2026-06-20', 7);
    // Houses 8-13, never alerted: 6 before, 5 after; one person each (25-44, M).
    for (let h = 8; h <= 13; h++) {
      BEFORE.forEach((d, i) => row(d, h, i === 0 ? { given: 'Ben', dob: `1990-02-${10 + h}`, sex: 'M' } : undefined));
      for (const d of ['2026-06-14', '2026-06-28', '2026-07-12', '2026-07-26', '2026-08-09']) row(d, h);
    }
    // House 14, never alerted: 3 before, none after.
    for (const d of ['2026-04-01', '2026-04-15', '2026-04-29']) row(d, 14);
    // Houses 15-19: one person each (25-44; F, F, F, M, M), the subjects of person alerts in October.
    for (let h = 15; h <= 19; h++) row('2026-09-20', h, { given: 'Cat', dob: `1990-03-${h}`, sex: h <= 17 ? 'F' : 'M' });
    // House 20: five children (F, F, F, M, M), not alerted.
    for (let k = 0; k < 5; k++) row('2026-09-21', 20, { given: 'Kit', dob: `2014-05-1${k}`, sex: k < 3 ? 'F' : 'M' });
    await ingestFeedFile(database, { feed: 'police', path: files.write('police.csv', [POLICE, ...lines].join('\n')), now: NOW });

    const team = async (code: string) => (await database.query<{ id: number }>(sql`SELECT id FROM teams WHERE code = ${code}`))[0]!.id;
    const police = await team('POL-NORTH');
    const nhs = await team('ED-SAFE');
    const alert = async (a: {
      rule: string;
      house: number;
      person?: boolean;
      lead: number;
      raised: string;
      ackHours: number | null;
      closed?: [string, string];
      counts: Record<string, number>;
    }) => {
      const personId = a.person
        ? (await database.query<{ id: string }>(sql`SELECT DISTINCT person_id::text AS id FROM involvements WHERE uprn = ${U(a.house)} AND person_id IS NOT NULL`))[0]!.id
        : null;
      await database.query(sql`
        INSERT INTO alerts (rule, rules_version, subject_kind, subject_id, uprn, person_id, lead_team_id, evidence, latest_contact, state, raised_at, acknowledged_at, closed_at, closed_reason)
        VALUES (${a.rule}, 'test', ${a.person ? 'person' : 'address'}, ${a.person ? personId! : String(U(a.house))}, ${U(a.house)}, ${personId}::bigint, ${a.lead},
                ${JSON.stringify({ counts: a.counts })}::jsonb, ${a.raised.slice(0, 10)}::date,
                ${a.closed ? 'closed' : a.ackHours === null ? 'open' : 'acknowledged'}, ${a.raised}::timestamptz,
                ${a.raised}::timestamptz + make_interval(hours => ${a.ackHours}::int), ${a.closed?.[0] ?? null}::timestamptz, ${a.closed?.[1] ?? null})`);
    };
    // Houses 1-6: acknowledged after 2, 5, 10, 30, 50 and 100 hours; 1-3 closed after action, 4 already known.
    const hours = [2, 5, 10, 30, 50, 100];
    for (let h = 1; h <= 6; h++) {
      await alert({
        rule: 'many-contacts-address',
        house: h,
        lead: police,
        raised: '2026-06-01T10:00:00Z',
        ackHours: hours[h - 1]!,
        closed: h <= 3 ? ['2026-06-20T12:00:00Z', 'action-taken'] : h === 4 ? ['2026-07-05T12:00:00Z', 'already-known'] : undefined,
        counts: { police: 8, nhs: 3, fire: 2 },
      });
    }
    await alert({ rule: 'repeat-police-incidents', house: 7, lead: police, raised: '2026-06-01T10:00:00Z', ackHours: null, counts: { police: 4 } });
    // Person alerts for the people at houses 15-19, led by the NHS: acknowledged after 20 and 80 hours, or not yet.
    const personHours = [20, 80, null, null, null];
    for (let h = 15; h <= 19; h++) {
      await alert({
        rule: 'many-contacts-person',
        house: h,
        person: true,
        lead: nhs,
        raised: '2026-10-05T08:00:00Z',
        ackHours: personHours[h - 15]!,
        closed: h === 15 ? ['2026-10-10T08:00:00Z', 'no-further-action'] : undefined,
        counts: { nhs: 5, police: 3 },
      });
    }
    // Two alerts of December 2025 already in the pseudonymised copy, led by fire and referred on.
    await database.query(sql`
      INSERT INTO trend_alerts (rule, subject_kind, lead_feed, agencies, raised_month, last_month, hours_to_acknowledge, closed_month, closed_reason, postcode_district)
      SELECT 'many-contacts-address', 'address', 'fire', ARRAY['fire', 'police'], '2025-12-01', '2025-12-01', 3, '2025-12-01', 'referred-on', 'MB5' FROM generate_series(1, 2)`);

    await refreshReportCounts(database.db, NOW);
    alerts = await readTopic(database, 'alerts', NOW, 12);
    impact = await readTopic(database, 'impact', NOW, 12);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  it('gives every report in the shared shape, over November 2025 to October 2026', () => {
    expect(alerts).toMatchObject({ from: '2025-11', to: '2026-10', asOf: '2026-11-20' });
    expect(alerts.reports.map((r) => r.id)).toEqual(['alerts-by-month', 'alerts-by-rule', 'time-to-acknowledge', 'alert-outcomes', 'alerts-by-agency-involved', 'alert-equality']);
    for (const r of [...alerts.reports, ...impact.reports]) ReportSchema.parse(r);
  });

  it('counts alerts raised, acknowledged and closed by month, live and copied, withholding a lone small count and one more', () => {
    const r = report(alerts, 'alerts-by-month');
    const month = (m: string) => r.rows.find((row) => row[0] === m)!;
    // Raised: 2 (copied), 7, 5: the lone '<5' in a column with a total takes the 5 with it.
    expect(month('2025-12')).toEqual(['2025-12', '<5', '<5', '<5', '<5']);
    expect(month('2026-06')).toEqual(['2026-06', 7, 6, '<5', '<5']);
    expect(month('2026-07')).toEqual(['2026-07', 0, 0, 0, '<5']);
    expect(month('2026-10')).toEqual(['2026-10', '[c]', '<5', '<5', '<5']);
    expect(r.total).toEqual(['Total', 14, 10, 7, 7]);
    expect(r.suppressed).toBe(true);
    expect(r.caption).toBe(
      '14 alerts were raised from November 2025 to October 2026. 10 of them (71%) have been acknowledged by the lead agency and 7 (50%) closed. The most were raised in June 2026 (7).',
    );
  });

  it('names each rule by its title in the rules file, with its share', () => {
    const r = report(alerts, 'alerts-by-rule');
    expect(r.rows).toEqual([
      ['Many contacts across several services at one address', 8, 57.1],
      ['Many contacts across several services for one person', '[c]', '[c]'],
      [expect.stringMatching(/./), '<5', '[c]'],
    ]);
    expect(r.total).toEqual(['Total', 14, 100]);
    expect(r.caption).toContain('“Many contacts across several services at one address” (8, 57% of 14)');
  });

  it('gives each lead agency its median hours and shares within 24 and 72 hours, withheld under 5 alerts', () => {
    const r = report(alerts, 'time-to-acknowledge');
    expect(r.rows).toEqual([
      [expect.any(String), '<5', '[c]', '[c]', '[c]'],
      [expect.any(String), '[c]', '[c]', '[c]', '[c]'],
      [expect.any(String), 7, 20, 42.9, 71.4],
      ['All lead agencies', 14, 15, 42.9, 57.1],
    ]);
    expect(r.caption).toMatch(/^Of the 14 alerts raised from November 2025 to October 2026, 42.9% were acknowledged within 24 hours and 57.1% within 72 hours; half of those acknowledged were within 15 hours\./);
  });

  it('gives the reasons alerts were closed by lead agency, every small count withheld but the total', () => {
    const r = report(alerts, 'alert-outcomes');
    expect(r.columns.map((c) => c.key)).toEqual(['reason', 'fire', 'nhs', 'police', 'total']);
    expect(r.rows.map((row) => row[0])).toEqual([
      'Already known and being acted on',
      'Action taken (visit, referral or strategy discussion)',
      'Referred to another agency',
      'Looked at: no further action needed',
      'Records do not belong together (wrong match)',
    ]);
    const cells = r.rows.flatMap((row) => row.slice(1));
    expect(cells.filter((c) => typeof c === 'number' && c > 0)).toEqual([]);
    expect(r.total).toEqual(['Total', '<5', '<5', '<5', 7]);
    expect(r.caption).toBe('7 alerts were closed from November 2025 to October 2026.');
  });

  it('counts the alerts each agency’s contacts were counted in', () => {
    const r = report(alerts, 'alerts-by-agency-involved');
    const of = (key: string) => r.rows.find((row) => row[0] === key);
    expect(r.rows.map((row) => row.slice(1))).toEqual([
      [0, 0],
      [0, 0],
      [8, 57.1],
      [11, 78.6],
      [14, 100],
    ]);
    expect(of('Police')).toBeDefined();
    expect(r.caption).toContain('in 14 of the 14 alerts raised');
  });

  it('sets the people alerted beside the person index, ratio withheld where the alerted count is', () => {
    const r = report(alerts, 'alert-equality');
    const group = (label: string) => r.rows.find((row) => row[0] === label)!;
    expect(group('Age: 0-17')).toEqual(['Age: 0-17', '<5', '[c]', 6, 22.2, '[c]']);
    expect(group('Age: 25-44')).toEqual(['Age: 25-44', '<5', '[c]', 11, 40.7, '[c]']);
    expect(group('Age: 65+')).toEqual(['Age: 65+', 6, 54.5, 10, 37, 1.47]);
    expect(group('Sex: female')).toEqual(['Sex: female', 6, 54.5, 14, 51.9, 1.05]);
    expect(group('Sex: male')).toEqual(['Sex: male', 5, 45.5, 13, 48.1, 0.94]);
    // MB6's 4 would be given away by the total: MB5's 7 is withheld with it.
    expect(group('Area: MB5')).toEqual(['Area: MB5', '[c]', '[c]', 14, 51.9, '[c]']);
    expect(group('Area: MB6')).toEqual(['Area: MB6', '<5', '[c]', 13, 48.1, '[c]']);
    expect(r.rows.map((row) => row[0]).filter((l) => String(l).startsWith('Area'))).toEqual(['Area: MB5', 'Area: MB6']);
    expect(r.total).toEqual(['Total', 11, 100, 27, 100, 1]);
    expect(r.caption).toContain('11 of the 27 people in the person index');
    expect(r.caption).toContain('Age: 65+');
    expect(r.caption).toContain('mast’s person index (everyone any partner recorded in the last 12 months), not a census');
  });

  it('reads the equality counts made at the refresh, the same as counting them now', async () => {
    const made = await readAsReports(database, (tx) => equalityCounts(tx, '2026-11-20'));
    // A date the refresh did not count from is counted now: the same people, aged on that day.
    const now = await readAsReports(database, (tx) => equalityCounts(tx, '2026-11-21'));
    expect(now).toEqual(made);
    expect(made.find((c) => c.dimension === 'age band' && c.group === '65+')).toEqual({ dimension: 'age band', group: '65+', alerted: 6, population: 10 });
  });

  it('describes contacts before and after an alert beside households with similar demand, and says it is not causal', () => {
    const r = report(impact, 'after-an-alert');
    expect(r.rows).toEqual([
      ['1-4 contacts before', '<5', '[c]', '[c]', '[c]', '<5', '[c]', '[c]', '[c]'],
      ['5-9 contacts before', '[c]', 6, 2, -66.7, '[c]', 6, 5, -16.7],
      ['10-19 contacts before', 0, null, null, null, 0, null, null, null],
      ['20+ contacts before', 0, null, null, null, 0, null, null, null],
      // Like with like: the bands where both groups show, the compared weighted to the alerted (here the one band).
      ['All bands (weighted to the alerted)', 7, 6, 2, -66.7, 7, 6, 5, -16.7],
    ]);
    expect(r.caption).toMatch(/^Descriptive, not causal\. The 6 households first alerted .* had on average 6\.0 contacts in the 12 weeks before the alert and 2\.0 in the 12 weeks after; households with similar demand that were not alerted went from 6\.0 to 5\.0/);
    expect(r.caption).toContain('regression to the mean');
    expect(r.title).toContain('descriptive, not causal');
    expect(r.notes.join(' ')).toContain('regression to the mean');
    expect(r.notes.join(' ')).toContain('middle of the alerted households’ alert dates');
  });

  it('keeps a household alerted after the middle date among those compared: it was not alerted then', async () => {
    // House 8 (compared) alerted on 20 August, in a transaction rolled back: it joins the alerted
    // (5 contacts in its 12 weeks before) and stays among those compared at 1 June.
    const undo = new Error('roll back');
    let counts: Awaited<ReturnType<typeof impactCounts>> = [];
    await expect(
      database.db.transaction(async (t) => {
        const tx = t as unknown as Parameters<typeof impactCounts>[0];
        await tx.execute(sql`INSERT INTO alerts (rule, rules_version, subject_kind, subject_id, uprn, lead_team_id, evidence, latest_contact, raised_at)
                             SELECT 'many-contacts-address', 'test', 'address', ${String(U(8))}, ${U(8)}, id, '{"counts":{}}', '2026-08-19', '2026-08-20T10:00:00Z'
                             FROM teams WHERE code = 'POL-NORTH'`);
        await tx.execute(sql`SET LOCAL ROLE mast_reports`);
        counts = await impactCounts(tx, '2026-11-20');
        throw undo;
      }),
    ).rejects.toBe(undo);
    const band = (group: string) => counts.find((c) => c.group === group && c.band === '5-9');
    expect(band('alerted')).toEqual({ group: 'alerted', band: '5-9', households: 7, contactsBefore: 41, contactsAfter: 12 });
    expect(band('comparison')).toEqual({ group: 'comparison', band: '5-9', households: 6, contactsBefore: 36, contactsAfter: 30 });
  });

  it('says plainly when there are no alerts at all', async () => {
    const undo = new Error('roll back');
    let reports: Report[] = [];
    await expect(
      database.db.transaction(async (t) => {
        const tx = t as unknown as Parameters<typeof alertReports>[0];
        await tx.execute(sql`DELETE FROM alerts`);
        await tx.execute(sql`DELETE FROM trend_alerts`);
        await refreshReportCounts(tx, new Date('2026-11-21T09:00:00Z'));
        await tx.execute(sql`SET LOCAL ROLE mast_reports`);
        const window = reportWindow(new Date('2026-11-21T09:00:00Z'), 12);
        reports = [...(await alertReports(tx, window)), ...(await impactReports(tx, window))];
        throw undo;
      }),
    ).rejects.toBe(undo);
    for (const r of reports) ReportSchema.parse(r);
    const caption = (id: string) => reports.find((r) => r.id === id)!.caption;
    expect(caption('alerts-by-month')).toBe('No alerts were raised from November 2025 to October 2026.');
    expect(caption('alerts-by-rule')).toBe('No alerts were raised from November 2025 to October 2026.');
    expect(caption('time-to-acknowledge')).toBe('No alerts were raised from November 2025 to October 2026.');
    expect(caption('alert-outcomes')).toBe('No alerts were closed from November 2025 to October 2026.');
    expect(caption('alerts-by-agency-involved')).toBe('No alerts were raised from November 2025 to October 2026.');
    expect(caption('alert-equality')).toMatch(/^No one is alerted as of 2026-11-21, beside 27 people in the person index: .*not a census/);
    expect(caption('after-an-alert')).toMatch(/^Too few households were alerted \(none\) .*Descriptive, not causal/);
  });

  it('shows no count from 1 to 4 anywhere', () => {
    for (const r of [...alerts.reports, ...impact.reports])
      for (const [c, col] of r.columns.entries())
        if (col.kind === 'count') for (const row of [...r.rows, ...(r.total ? [r.total] : [])]) expect([1, 2, 3, 4]).not.toContain(row[c]);
  });
});
