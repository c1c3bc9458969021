// No report reads an identifiable table: every report of every topic, and the monthly board
// report, runs as the mast_reports role, which the database lets read only the trend views and
// the counts granted to it. The test proves both halves: the reports run (so they read nothing
// else), and the role is refused every table that holds a person, an address or a user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_TOPICS } from '@mast/shared';
import { evaluateAlertRules, openTestDatabase, readAsReports, refreshReportCounts, runRetention, sql, type Database } from '@mast/db';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { loadAlertRules } from '../alerts/rules-file.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';
import { readTopic } from './topics.ts';
import { buildMonthlyReport } from './monthly-report.ts';

const POLICE = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
const MILL_LANE = '100000000001';
const NOW = new Date('2026-11-20T09:00:00Z');
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString().slice(0, 10);

/** What the role may read: the trend views, and views, materialized views and one table of dates that only count. */
const GRANTED = [
  'report_address_demand_years',
  'report_alerts',
  'report_break_glass',
  'report_contacts',
  'report_equality_now',
  'report_feed_arrivals',
  'report_feed_uploads',
  'report_lead_notifications',
  'report_reach_years',
  'report_refresh',
  'report_use',
  'trend_alert_report',
  'trend_report',
];
const FUNCTIONS = ['report_address_demand', 'report_equality', 'report_impact', 'report_reach'];

/** The database's reason for refusing (the driver wraps it with the query's text). */
async function refusal(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
    return 'not refused';
  } catch (e) {
    const err = e as Error & { cause?: Error };
    return err.cause?.message ?? err.message;
  }
}

describe(`every report reads only counts and the pseudonymised copy (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    // Contacts across two years: the older ones go to the pseudonymised copy when retention runs.
    const lines = [10, 20, 30, 45, 60, 90, 200, 400, 420, 430].map(
      (d, i) => `P-${i},${daysBefore(d)},concern-for-welfare,Sandra,Kelly,1971-03-14,F,${MILL_LANE},27 Mill Lane,MB3 4RT,POL-NORTH`,
    );
    await ingestFeedFile(database, { feed: 'police', path: files.write('police.csv', [POLICE, ...lines].join('\n')), now: new Date(NOW.getTime() - 380 * 86_400_000) }).catch(() => undefined);
    await ingestFeedFile(database, { feed: 'police', path: files.write('police2.csv', [POLICE, ...lines.slice(0, 7)].join('\n')), now: NOW });
    await runRetention(database, { now: NOW, secret: new Uint8Array(32).fill(7) });
    await evaluateAlertRules(database.db, loadAlertRules(), NOW.toISOString().slice(0, 10), NOW);
    await refreshReportCounts(database.db, NOW);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  it('runs every topic and the monthly report as mast_reports, from the live counts and the copy together', async () => {
    const [copied] = await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM trend_involvements`);
    expect(copied!.n).toBeGreaterThan(0);
    for (const topic of REPORT_TOPICS) {
      const read = await readTopic(database, topic, NOW, 36);
      expect(read.reports.length, topic).toBeGreaterThan(0);
    }
    const monthly = await buildMonthlyReport(database, REPORT_TOPICS, NOW);
    expect(monthly.ok).toBe(true);
    // Every contact is counted, live and copied, but for the one of this month (10 days ago):
    // reports end with the last complete month.
    const demand = await readTopic(database, 'demand', NOW, 36);
    const byAgency = demand.reports.find((r) => r.id === 'contacts-by-agency')!;
    expect(byAgency.total!.at(-1)).toBe(9);
  });

  it('is refused every table of the database, and any function but its counts', async () => {
    const tables = await database.query<{ name: string }>(
      sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'report_refresh' ORDER BY 1`,
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['persons', 'person_records', 'involvements', 'addresses', 'users', 'audit_events', 'alerts', 'trend_involvements', 'trend_alerts']));
    for (const { name } of tables) {
      expect(await refusal(readAsReports(database, (tx) => tx.execute(sql`SELECT * FROM ${sql.identifier(name)} LIMIT 1`))), name).toMatch(/permission denied/);
    }
    expect(await refusal(readAsReports(database, (tx) => tx.execute(sql`SELECT * FROM report_rows_in('2020-01-01', '2030-01-01')`)))).toMatch(/permission denied/);
    // And it cannot write, even where it can read.
    expect(await refusal(readAsReports(database, (tx) => tx.execute(sql`UPDATE report_refresh SET as_of = '2020-01-01'`)))).toMatch(/read-only|permission denied/);
  });

  it('is granted exactly the trend views and the counts, none of them with a name, a date of birth, an id or an address', async () => {
    const granted = await database.query<{ name: string }>(
      sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND has_table_privilege('mast_reports', c.oid, 'SELECT') ORDER BY 1`,
    );
    expect(granted.map((g) => g.name)).toEqual(GRANTED);
    const functions = await database.query<{ name: string }>(
      sql`SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'public' AND has_function_privilege('mast_reports', p.oid, 'EXECUTE') AND p.prosecdef ORDER BY 1`,
    );
    // Other functions run with the caller's rights, so they can read nothing the role cannot.
    expect(functions.map((f) => f.name)).toEqual(FUNCTIONS);
    const columns = await database.query<{ rel: string; col: string }>(
      sql`SELECT c.relname AS rel, a.attname AS col FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
          WHERE c.relname IN ${sql.raw(`(${GRANTED.map((g) => `'${g}'`).join(', ')})`)} AND a.attnum > 0 AND NOT a.attisdropped`,
    );
    const identifying = /(^|_)(id|uprn|name|given|family|birth|dob|nhs|address|postcode|day|user|client|reference|detail)($|_)/;
    const allowed = new Set(['organisation', 'person_key', 'address_key', 'postcode_district', 'organisation_kind', 'viewer_organisation_kind']);
    for (const { rel, col } of columns) if (!allowed.has(col) && `${rel}.${col}` !== 'report_refresh.id') expect(col, `${rel}.${col}`).not.toMatch(identifying);
  });
});
