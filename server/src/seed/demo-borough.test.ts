import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENCIES, ALERT_CLOSE_REASONS, FEED_IDS, fromLondonTime, toLondonTime } from '@mast/shared';
import { evaluateAlertRules, openTestDatabase, refreshReportCounts, runRetention, sql, type Database } from '@mast/db';
import { readTopic } from '../analytics/topics.ts';
import { loadAlertRules } from '../alerts/rules-file.ts';
import { loadDemoBorough, type DemoLoadResult } from './demo-borough.ts';
import { getFullAddressSummary } from '../lookup/address-summary.ts';
import { CASE_STUDY_UPRN, QUIET_HOUSE_UPRN } from '../demo/fixtures.ts';
import { backendName } from '../test/small-borough.ts';
import { loadPseudonymSecret } from '../retention/pseudonym-secret.ts';

describe(`the demo borough, loaded through the feed pipeline (${backendName()})`, () => {
  let database: Database;
  let workDir: string;
  let loaded: DemoLoadResult;
  const now = new Date();
  beforeAll(async () => {
    database = await openTestDatabase();
    workDir = mkdtempSync(join(tmpdir(), 'mast-demo-test-'));
    loaded = await loadDemoBorough(database, { workDir, scale: 0.02, seed: 1, now });
  });
  afterAll(async () => {
    await database?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('accounts for every row of every feed', () => {
    expect(loaded.reports).toHaveLength(5);
    for (const r of loaded.reports) expect(r.accepted + r.rejected).toBe(r.rows);
    expect(loaded.reports.find((r) => r.feed === 'nhs')!.ignoredColumns).toEqual(['triage_code']);
  });

  it('shows the case-study household as the two people it is, known to four services', async () => {
    const summary = (await getFullAddressSummary(database.db, Number(CASE_STUDY_UPRN), new Date()))!;
    expect(summary.people.map((p) => `${p.name} ${p.dateOfBirth}`)).toEqual(['Sandra Kelly 1971-03-14', 'Leanne Kelly 1996-08-02']);
    const involved = summary.agencies.filter((a) => a.involved).map((a) => a.agency);
    expect(involved).toEqual(['police', 'council-adults', 'nhs', 'fire']);
    const contacts = summary.agencies.reduce((n, a) => n + (a.agency === 'council-adults' ? 0 : (a.contacts12m ?? 0)), 0);
    expect(contacts).toBe(29);
  });

  it('alerts the case-study household under the shipped rules (29 contacts across three services in 13 weeks), and the quiet house not', async () => {
    const now = new Date();
    await evaluateAlertRules(database.db, loadAlertRules(), now.toISOString().slice(0, 10), now);
    const at = async (uprn: string) =>
      (await database.query<{ rule: string }>(sql`SELECT rule FROM alerts WHERE uprn = ${uprn}::bigint AND subject_kind = 'address' ORDER BY rule`)).map((a) => a.rule);
    expect(await at(CASE_STUDY_UPRN)).toEqual(expect.arrayContaining(['fire-at-open-adult-case', 'many-contacts-address']));
    expect(await at(QUIET_HOUSE_UPRN)).toEqual([]);
  });

  it('shows the quiet house as known to nobody', async () => {
    const summary = (await getFullAddressSummary(database.db, Number(QUIET_HOUSE_UPRN), new Date()))!;
    expect(summary.agencies.some((a) => a.involved)).toBe(false);
    expect(summary.people).toEqual([]);
  });

  it('records each partner’s daily files over the 36 months before this one as uploads (counts only), all before the real uploads', async () => {
    const real = new Map(loaded.reports.map((r) => [r.feed, r.uploadId]));
    const l = toLondonTime(now);
    const windowStart = fromLondonTime(l.year - 3, l.month, 1, 0, 0);
    const ids = sql.param(`{${[...real.values()].join(',')}}`);
    const rows = await database.query<{ feed: string; n: number; days: number; first: string; last: string; real_at: string; with_rejections: number; zero_rejected: number; bad: number }>(
      sql`SELECT u.feed, count(*)::int AS n,
                 count(DISTINCT (u.received_at AT TIME ZONE 'Europe/London')::date)::int AS days,
                 min(u.received_at)::text AS first, max(u.received_at)::text AS last,
                 (SELECT min(received_at) FROM feed_uploads r WHERE r.id = ANY (${ids}::bigint[]))::text AS real_at,
                 count(*) FILTER (WHERE EXISTS (SELECT 1 FROM rejected_rows j WHERE j.upload_id = u.id))::int AS with_rejections,
                 count(*) FILTER (WHERE u.rows_rejected = 0)::int AS zero_rejected,
                 count(*) FILTER (WHERE u.rows_accepted + u.rows_rejected <> u.rows_total OR u.via NOT IN ('sftp', 'https')
                                  OR u.file_name <> u.feed || '-' || to_char(u.received_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') || '.csv')::int AS bad
          FROM feed_uploads u
          WHERE u.id <> ALL (${ids}::bigint[])
          GROUP BY u.feed ORDER BY u.feed`,
    );
    expect(rows.map((r) => r.feed)).toEqual([...FEED_IDS].sort());
    // Windows of three years: about 1,096 days, or 783 weekdays, less a few missed.
    const dueDays = (f: string) => (AGENCIES[f as keyof typeof AGENCIES].schedule.every === 'weekdays' ? 783 : 1096);
    for (const r of rows) {
      expect(r.days, r.feed).toBeGreaterThan(dueDays(r.feed) * 0.97);
      expect(r.days, r.feed).toBeLessThanOrEqual(dueDays(r.feed) + 40);
      expect(Date.parse(r.first) - windowStart, r.feed).toBeLessThan(4 * 86_400_000);
      expect(Date.parse(r.first), r.feed).toBeGreaterThanOrEqual(windowStart);
      expect(Date.parse(r.last), r.feed).toBeLessThan(fromLondonTime(l.year, l.month, l.day, 0, 0));
      expect(Date.parse(r.last), r.feed).toBeLessThan(Date.parse(r.real_at));
      expect(r.with_rejections, r.feed).toBe(0);
      expect(r.zero_rejected, r.feed).toBeGreaterThan(0);
      expect(r.bad, r.feed).toBe(0);
    }
    // The real uploads are each feed's latest.
    const latest = await database.query<{ feed: string; id: number }>(
      sql`SELECT DISTINCT ON (feed) feed, id::int AS id FROM feed_uploads ORDER BY feed, received_at DESC, id DESC`,
    );
    for (const x of latest) expect(x.id, x.feed).toBe(real.get(x.feed as never));
  });

  it('shows files mostly on time, month by month, a year and two years back', async () => {
    await refreshReportCounts(database.db, now);
    const topic = await readTopic(database, 'partners', now, 36);
    const report = topic.reports.find((r) => r.id === 'feed-on-time')!;
    expect(report.rows).toHaveLength(36);
    const all: number[] = [];
    for (const row of report.rows) {
      for (const cell of row.slice(1)) {
        expect(typeof cell, String(row[0])).toBe('number');
        all.push(cell as number);
      }
    }
    for (const back of [12, 24]) {
      const row = report.rows[36 - back]!;
      for (const cell of row.slice(1)) expect(cell as number, String(row[0])).toBeGreaterThanOrEqual(85);
    }
    expect(all.some((p) => p < 100)).toBe(true);
    expect(all.reduce((s, p) => s + p, 0) / all.length).toBeGreaterThan(94);
  });

  it('fills the trend copy for the 24 months before the live year, by month, district and keyed hash only', async () => {
    const [t] = await database.query<{ n: number; months: number; first: string; last: string; not_first: number; bad_keys: number; people: number; open: number }>(
      sql`SELECT count(*)::int AS n, count(DISTINCT month)::int AS months, min(month)::text AS first, max(last_month)::text AS last,
                 count(*) FILTER (WHERE extract(day FROM month) <> 1 OR extract(day FROM last_month) <> 1)::int AS not_first,
                 count(*) FILTER (WHERE person_key !~ '^[0-9a-f]{64}$' OR address_key !~ '^[0-9a-f]{64}$')::int AS bad_keys,
                 count(DISTINCT person_key)::int AS people, count(*) FILTER (WHERE was_open)::int AS open
          FROM trend_involvements`,
    );
    expect(t!.n).toBe(loaded.history.involvements);
    expect(t!.n).toBeGreaterThan(5000);
    expect(t!.months).toBe(24);
    expect([t!.not_first, t!.bad_keys, t!.open]).toEqual([0, 0, 0]);
    // Retention's 36 months count back from today: every history month is one it keeps, and none reaches the live year.
    const [cut] = await database.query<{ trend_from: string; live_from: string }>(
      sql`SELECT date_trunc('month', ${now.toISOString().slice(0, 10)}::date - interval '36 months' + interval '1 month' - interval '1 day')::date::text AS trend_from,
                 (${now.toISOString().slice(0, 10)}::date - interval '12 months')::date::text AS live_from`,
    );
    expect(t!.first >= cut!.trend_from).toBe(true);
    expect(t!.last < cut!.live_from).toBe(true);
    const columns = (await database.query<{ column_name: string }>(sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'trend_involvements' ORDER BY column_name`)).map((c) => c.column_name);
    expect(columns).toEqual(['address_key', 'attendance', 'category', 'feed', 'id', 'last_month', 'month', 'person_key', 'postcode_district', 'was_open']);
  });

  it('keeps the history’s alerts with what came of them', async () => {
    const reasons = await database.query<{ closed_reason: string | null; n: number; acknowledged: number; people: number }>(
      sql`SELECT closed_reason, count(*)::int AS n, count(hours_to_acknowledge)::int AS acknowledged, count(person_key)::int AS people
          FROM trend_alerts GROUP BY 1 ORDER BY 1`,
    );
    const total = reasons.reduce((n, r) => n + r.n, 0);
    expect(total).toBe(loaded.history.alerts);
    expect(total).toBeGreaterThan(20);
    for (const r of reasons) if (r.closed_reason !== null) expect(Object.keys(ALERT_CLOSE_REASONS)).toContain(r.closed_reason);
    expect(reasons.filter((r) => r.closed_reason !== null).length).toBeGreaterThanOrEqual(3);
    expect(reasons.reduce((n, r) => n + r.acknowledged, 0)).toBeLessThan(total);
    const [bad] = await database.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM trend_alerts
          WHERE extract(day FROM raised_month) <> 1 OR address_key !~ '^[0-9a-f]{64}$' OR (subject_kind = 'person') <> (person_key IS NOT NULL AND age_band IS NOT NULL AND sex IS NOT NULL)`,
    );
    expect(bad!.n).toBe(0);
  });

  it('gives the live year alerts the lead teams acknowledged and closed in the past, and leaves 27 Mill Lane’s open', async () => {
    expect(loaded.alertYear!.evaluations).toBeGreaterThanOrEqual(12);
    const [a] = await database.query<{ raised_before: number; acknowledged: number; closed: number; future: number; unreasoned: number; months: number }>(
      sql`SELECT count(*) FILTER (WHERE raised_at < ${now.toISOString()}::timestamptz - interval '300 days')::int AS raised_before,
                 count(*) FILTER (WHERE acknowledged_at IS NOT NULL)::int AS acknowledged,
                 count(*) FILTER (WHERE state = 'closed')::int AS closed,
                 count(*) FILTER (WHERE acknowledged_at > ${now.toISOString()}::timestamptz OR closed_at > ${now.toISOString()}::timestamptz
                                   OR acknowledged_at < raised_at OR closed_at < raised_at)::int AS future,
                 count(*) FILTER (WHERE state = 'closed' AND closed_reason IS NULL)::int AS unreasoned,
                 count(DISTINCT date_trunc('month', closed_at))::int AS months
          FROM alerts`,
    );
    expect(a!.raised_before).toBeGreaterThan(0);
    expect(a!.acknowledged).toBeGreaterThan(0);
    expect(a!.closed).toBeGreaterThan(0);
    expect(a!.months).toBeGreaterThanOrEqual(6);
    expect([a!.future, a!.unreasoned]).toEqual([0, 0]);
    const [steps] = await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM alert_events WHERE event IN ('acknowledged', 'closed') AND user_id IS NOT NULL`);
    expect(steps!.n).toBe(loaded.alertYear!.acknowledged + loaded.alertYear!.closed);
    const millLane = await database.query<{ state: string }>(sql`SELECT state FROM alerts WHERE uprn = ${CASE_STUDY_UPRN}::bigint`);
    expect(millLane.length).toBeGreaterThan(0);
    expect(millLane.every((m) => m.state === 'open')).toBe(true);
  });

  // Last: it takes the live data on two months.
  it('lets a later retention run add the rows that leave the live year without copying any twice, under the same keys', async () => {
    const secret = await loadPseudonymSecret(workDir);
    const count = async () => (await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM trend_involvements`))[0]!.n;
    const before = await count();
    expect((await runRetention(database, { now, secret })).copied).toBe(0);
    expect(await count()).toBe(before);
    await database.query(sql`CREATE TEMP TABLE history_keys AS SELECT DISTINCT person_key FROM trend_involvements WHERE person_key IS NOT NULL`);
    const later = await runRetention(database, { now: new Date(now.getTime() + 61 * 86_400_000), secret });
    expect(later.copied).toBeGreaterThan(0);
    expect(await count()).toBe(before + later.copied - later.trendRowsDeleted);
    // People the live year and the history both saw carry one pseudonym in both.
    const [shared] = await database.query<{ n: number }>(
      sql`SELECT count(DISTINCT t.person_key)::int AS n FROM trend_involvements t JOIN history_keys h ON h.person_key = t.person_key
          WHERE t.month >= (${now.toISOString().slice(0, 10)}::date - interval '12 months')::date - 31`,
    );
    expect(shared!.n).toBeGreaterThan(0);
  });
});
