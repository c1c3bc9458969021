import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimJob, getJob, openTestDatabase, pseudonymKey, runRetention, sql, type Database, type RetentionCounts } from '@mast/db';
import { createApp } from '../app.ts';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { retentionClock } from '../cli.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';
import { tablesHolding as tablesHoldingIn } from '../test/tables-holding.ts';
import { loadPseudonymSecret, PSEUDONYM_KEY_FILE } from './pseudonym-secret.ts';
import { RETENTION, retentionHandler, scheduleRetention, type RetentionJobPayload } from './retention-job.ts';

const POLICE = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
const NHS = 'attendance_id,attendance_date,attendance_type,category,given_name,family_name,date_of_birth,sex,nhs_number,uprn,address,postcode,lead_team';
const COUNCIL = 'case_id,opened_on,category,given_name,family_name,date_of_birth,sex,nhs_number,uprn,address,postcode,lead_team';
const MILL_LANE = 100000000001;
const HIGH_STREET_FLAT_2 = 100000000021;

// Retention runs as of 20 November 2026: live data dated before 20 November 2025 is due, trend
// months before 20 November 2023.
const NOW = new Date('2026-11-20T03:00:00Z');
const at = (date: string) => new Date(`${date}T08:00:00Z`);

// The person whose only involvements leave: nothing of her may stay in the live tables.
const HARRIET = { family: 'Oyelaran-Whitcombe', dob: '1958-07-19' };

describe(`retention (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let dataDir: string;
  let secret: Buffer;
  let n = 0;
  let first: RetentionCounts;
  const ingest = (feed: 'police' | 'nhs' | 'council-adults', header: string, lines: string[], now: Date) =>
    ingestFeedFile(database, { feed, path: files.write(`f${n++}.csv`, [header, ...lines].join('\n')), now });
  const q = <T>(query: ReturnType<typeof sql>) => database.query<T>(query);
  const rowOf = async (sourceId: string) =>
    (await q<{ person_id: string | null; open: boolean | null; closed_on: string | null }>(
      sql`SELECT person_id::text, open, closed_on::text FROM involvements WHERE source_id = ${sourceId}`,
    ))[0];
  const personOf = async (sourceId: string) => Number((await rowOf(sourceId))!.person_id);

  const tablesHolding = (needle: string) => tablesHoldingIn(database, needle);

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    dataDir = mkdtempSync(join(tmpdir(), 'mast-retention-'));
    secret = await loadPseudonymSecret(dataDir, {});
    await loadSmallBorough(database, files);
    await seedDemoUsers(database.db);

    // Council adults: full daily snapshots. CASE-OLD closes on 15 Sep 2025 (over 12 months ago),
    // CASE-RECENT (opened 2023) closes on 1 Jun 2026, CASE-OPEN (opened 2 years ago) stays open,
    // CASE-LONG (opened in 2022, over 36 months ago) closes on 15 Sep 2025.
    const open = 'CASE-OPEN,2024-11-01,older-person-frailty,Priya,Ramaswamy,1949-05-05,F,,100000000002,,,ASC-DUTY';
    const recent = 'CASE-RECENT,2023-06-01,self-neglect,Colin,Bramhall,1962-10-30,M,,100000000010,,,ASC-DUTY';
    const old = 'CASE-OLD,2025-03-01,mental-health,Derek,Quennell,1980-01-09,M,,100000000014,,,ASC-DUTY';
    const bad = 'CASE-BAD,2025-02-30,mental-health,Ann,Other,1980-01-01,F,,100000000014,,,ASC-DUTY';
    const long = 'CASE-LONG,2022-05-10,self-neglect,Wilfred,Ashdown-Pike,1944-12-02,M,,100000000010,,,ASC-DUTY';
    await ingest('council-adults', COUNCIL, [open, recent, old, bad, long], at('2025-09-01'));
    await ingest('council-adults', COUNCIL, [open, recent], at('2025-09-15'));
    await ingest('council-adults', COUNCIL, [open], at('2026-06-01'));
    await ingest('council-adults', COUNCIL, [open, bad.replace('CASE-BAD', 'CASE-BAD-2')], at('2026-11-19'));

    await ingest(
      'police',
      POLICE,
      [
        `POL-OLD-1,2025-10-10,domestic-abuse,Harriet,${HARRIET.family},${HARRIET.dob},F,${MILL_LANE},,,POL-NORTH`,
        `POL-OLD-2,2025-10-01,drugs,Marcus,Fenwright,1990-02-03,M,${HIGH_STREET_FLAT_2},,,POL-NORTH`,
        'POL-OLD-3,2025-08-01,concern-for-welfare,,,,,,99 Nowhere Road,zz99zz,POL-NORTH',
        // One slip from 27 Mill Lane with no postcode: a possible match, an item for stewards.
        'POL-OLD-4,2025-09-05,drugs,,,,,,27 Mil Lane,,POL-NORTH',
        `POL-OLD-5,2025-06-01,child-concern,Sandra,Kelly,1971-03-14,F,${MILL_LANE},,,POL-NORTH`,
        `POL-NEW-1,2025-12-20,concern-for-welfare,,,,,${MILL_LANE},,,POL-NORTH`,
      ],
      at('2025-12-21'),
    );
    // (Each sent within 12 months of its date: an older row is refused, as retention would take it.)
    await ingest('nhs', NHS, [`ED-OLD-1,2025-09-01,attended,self-harm,Harriet,${HARRIET.family},${HARRIET.dob},F,,${MILL_LANE},,,ED-SAFE`], at('2025-12-22'));
    await ingest('nhs', NHS, [`ED-NEW-1,2026-10-01,did-not-attend,did-not-attend,Marcus,Fenwright,1990-02-03,M,,${HIGH_STREET_FLAT_2},,,ED-SAFE`], at('2026-10-02'));
    // Sandra's twin, recently: the model never links differing given names, so a steward reviews the pair.
    const twin = await ingest('police', POLICE, [`POL-NEW-2,2026-09-01,child-concern,Leanne,Kelly,1971-03-14,F,${MILL_LANE},,,POL-NORTH`], at('2026-09-02'));
    expect(twin.people.forReview).toBe(1);

    // Trend rows already kept: two months past 36 months, one within, and a case opened in 2021
    // that closed within them.
    await database.db.execute(
      sql`INSERT INTO trend_involvements (feed, category, month, last_month, postcode_district, person_key, address_key, was_open, attendance)
          VALUES ('fire', 'hoarding', '2023-10-01', '2023-10-01', 'MB1', NULL, NULL, false, NULL),
                 ('fire', 'hoarding', '2023-11-01', '2023-11-01', 'MB1', NULL, NULL, false, NULL),
                 ('fire', 'hoarding', '2023-12-01', '2023-12-01', 'MB1', NULL, NULL, false, NULL),
                 ('fire', 'arson', '2021-01-01', '2024-02-01', 'MB1', NULL, NULL, false, NULL)`,
    );
    // Alert copies already kept: one past 36 months, one within.
    await database.db.execute(
      sql`INSERT INTO trend_alerts (rule, subject_kind, lead_feed, agencies, raised_month, last_month, hours_to_acknowledge, closed_month, closed_reason, postcode_district)
          VALUES ('repeat-police-incidents', 'address', 'police', ARRAY['police'], '2023-09-01', '2023-10-01', 5, '2023-10-01', 'already-known', 'MB1'),
                 ('repeat-police-incidents', 'address', 'police', ARRAY['police'], '2023-11-01', '2023-12-01', 5, '2023-12-01', 'already-known', 'MB1')`,
    );
  });
  afterAll(async () => {
    await database?.close();
    files?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  describe('the data before the run', () => {
    it('is as the feeds left it', async () => {
      expect(await rowOf('CASE-OLD')).toMatchObject({ open: false, closed_on: '2025-09-15' });
      expect(await rowOf('CASE-RECENT')).toMatchObject({ open: false, closed_on: '2026-06-01' });
      expect(await rowOf('CASE-OPEN')).toMatchObject({ open: true, closed_on: null });
      // Harriet's police and A&E rows are one person; Marcus's old and new rows too.
      expect(await personOf('ED-OLD-1')).toBe(await personOf('POL-OLD-1'));
      expect(await personOf('ED-NEW-1')).toBe(await personOf('POL-OLD-2'));
      expect(await tablesHolding(HARRIET.family)).toEqual(expect.arrayContaining(['persons', 'person_records']));
      const [items] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM address_reviews`);
      expect(items!.n).toBe(1);
    });
  });

  describe('the first run', () => {
    let harriet: number;
    let marcus: number;
    let sandraRecord: number;
    let before: { agencies: { agency: string; involved: boolean; contacts12m: number }[]; people: { name: string }[] };

    // The address summary as an officer saw it on Christmas Eve 2025, when the old contacts were recent.
    const summaryOn = async (day: string, uprn: number) => {
      const app = createApp({ database, now: () => at(day), webRoot: false });
      const login = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'officer', password: 'mast-demo-officer' }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const res = await app.request(`/api/addresses/${uprn}?purpose=attending-incident&reference=INC-1`, { headers: { cookie } });
      expect(res.status).toBe(200);
      return (await res.json()) as typeof before;
    };

    beforeAll(async () => {
      harriet = await personOf('POL-OLD-1');
      marcus = await personOf('POL-OLD-2');
      const [s] = await q<{ id: string }>(sql`SELECT id::text FROM person_records WHERE feed = 'police' AND source_id = 'POL-OLD-5'`);
      sandraRecord = Number(s!.id);
      before = await summaryOn('2025-12-24', MILL_LANE);
      // Looks told to a lead team, and break-glass uses, a year and more ago and recently.
      const [u] = await q<{ id: number; organisation_id: number }>(sql`SELECT id, organisation_id FROM users WHERE username = 'officer'`);
      const [t] = await q<{ id: number }>(sql`SELECT id FROM teams WHERE code = 'ASC-DUTY'`);
      for (const when of ['2025-11-01', '2026-11-01']) {
        await database.query(sql`INSERT INTO lead_notifications (team_id, uprn, viewer_user_id, viewer_organisation_id, viewer_role, purpose, reference, at)
                                 VALUES (${t!.id}, ${MILL_LANE}, ${u!.id}, ${u!.organisation_id}, 'responder', 'welfare-check', ${`RET-${when}`}, ${when}::timestamptz)`);
      }
      for (const [reference, granted, reviewed] of [['RET-OLD-REVIEWED', '2025-10-01', '2025-10-02'], ['RET-OLD-WAITING', '2025-10-01', null], ['RET-RECENT', '2026-10-01', '2026-10-02']] as const) {
        await database.query(sql`INSERT INTO break_glass (user_id, organisation_id, uprn, reason, purpose, reference, granted_at, expires_at, reviewed_by, reviewed_at, outcome)
                                 VALUES (${u!.id}, ${u!.organisation_id}, ${MILL_LANE}, 'a reason of ten letters', 'welfare-check', ${reference}, ${granted}::timestamptz, ${granted}::timestamptz + interval '1 hour',
                                         ${reviewed && u!.id}, ${reviewed}::timestamptz, ${reviewed && 'justified'})`);
      }
      // Alerts whose newest evidence is over 12 months old, and recent. The old one was
      // acknowledged after 30.5 hours and closed in October 2025 by the police team.
      const [police] = await q<{ id: number }>(sql`SELECT id FROM teams WHERE code = 'POL-NORTH'`);
      for (const latest of ['2025-10-01', '2026-10-01']) {
        await database.query(sql`INSERT INTO alerts (rule, rules_version, subject_kind, subject_id, uprn, lead_team_id, evidence, latest_contact, raised_at)
                                 VALUES ('repeat-police-incidents', 'test', 'address', ${`RET-${latest}`}, ${MILL_LANE}, ${police!.id},
                                         ${JSON.stringify({ counts: { police: 4, nhs: 1 }, total: 5, windowWeeks: 8, latest })}::jsonb, ${latest}::date,
                                         ${latest}::timestamptz + interval '2 days 10 hours')`);
      }
      await database.query(sql`UPDATE alerts SET state = 'closed', acknowledged_at = raised_at + interval '30 hours 30 minutes',
                                 closed_at = '2025-10-06T09:00:00Z', closed_reason = 'action-taken' WHERE subject_id = 'RET-2025-10-01'`);
      // A person alert about Harriet (born July 1958, so 67 when it was raised), never acknowledged.
      await database.query(sql`INSERT INTO alerts (rule, rules_version, subject_kind, subject_id, uprn, person_id, lead_team_id, evidence, latest_contact, raised_at)
                               VALUES ('many-contacts-person', 'test', 'person', ${`RET-P-${harriet}`}, ${MILL_LANE}, ${harriet}, ${t!.id},
                                       ${JSON.stringify({ counts: { police: 1, nhs: 1 }, total: 2, windowWeeks: 13, latest: '2025-10-10' })}::jsonb, '2025-10-10', '2025-10-11T07:00:00Z')`);
      // Two keys per round trip: the batching is exercised, not only its first batch.
      first = await runRetention(database, { now: NOW, secret, keyBatch: 2 });
    });

    it('counts what it did, from the UTC date of the clock', () => {
      expect(first).toEqual({
        asOf: '2026-11-20',
        liveBefore: '2025-11-20',
        trendBefore: '2023-11-20',
        // POL-OLD-1..5, ED-OLD-1, CASE-OLD, CASE-LONG
        moved: 8,
        copied: 8,
        // Harriet, Sandra, Derek (CASE-OLD), Wilfred (CASE-LONG), and any person left with no record by a relink
        personsDeleted: expect.any(Number),
        // Harriet's two, Sandra's, Derek's, Wilfred's, and Marcus's police record
        personRecordsDeleted: 6,
        personsRenamed: 0,
        addressReviewsDeleted: 1,
        addressDecisionsDeleted: 0,
        // CASE-BAD, rejected in a file of September 2025
        rejectedRowsDeleted: 1,
        jobsDeleted: 0,
        // The look of 1 Nov 2025 (and those the Christmas Eve summary told, if any, are under 12 months)
        notificationsDeleted: 1,
        // The use reviewed in October 2025; the one never reviewed stays until it is
        breakGlassDeleted: 1,
        // The alerts whose newest evidence is of October 2025, both copied
        alertsDeleted: 2,
        alertsCopied: 2,
        trendRowsDeleted: 2,
        // The alert copy whose last month is October 2023
        trendAlertsDeleted: 1,
      });
    });

    it('deletes lead-team notifications over 12 months old, and break-glass uses 12 months after their review', async () => {
      const notes = await q<{ reference: string }>(sql`SELECT reference FROM lead_notifications WHERE reference LIKE 'RET-%' ORDER BY reference`);
      expect(notes.map((n) => n.reference)).toEqual(['RET-2026-11-01']);
      const uses = await q<{ reference: string }>(sql`SELECT reference FROM break_glass ORDER BY reference`);
      expect(uses.map((b) => b.reference)).toEqual(['RET-OLD-WAITING', 'RET-RECENT']);
    });

    it('deletes an alert once its newest evidence has left the live data', async () => {
      const alerts = await q<{ subject_id: string }>(sql`SELECT subject_id FROM alerts WHERE subject_id LIKE 'RET-%'`);
      expect(alerts.map((a) => a.subject_id)).toEqual(['RET-2026-10-01']);
    });

    it('keeps a pseudonymised copy of an alert that left: months, hours, outcome, district, keys, never a day or an id', async () => {
      const copies = await q<Record<string, unknown>>(
        sql`SELECT rule, subject_kind, lead_feed, agencies, raised_month::text, last_month::text, hours_to_acknowledge, closed_month::text, closed_reason,
                   postcode_district, age_band, sex, person_key, address_key
            FROM trend_alerts WHERE raised_month >= '2025-01-01' ORDER BY rule`,
      );
      const millLane = pseudonymKey(secret, `uprn:${MILL_LANE}`);
      expect((await q<{ m: string }>(sql`SELECT last_month::text AS m FROM trend_alerts WHERE raised_month < '2025-01-01'`)).map((r) => r.m)).toEqual(['2023-12-01']);
      expect(copies).toEqual([
        {
          rule: 'many-contacts-person', subject_kind: 'person', lead_feed: 'council-adults', agencies: ['nhs', 'police'],
          raised_month: '2025-10-01', last_month: '2025-10-01', hours_to_acknowledge: null, closed_month: null, closed_reason: null,
          postcode_district: 'MB3', age_band: '65+', sex: 'female', person_key: pseudonymKey(secret, `person:${harriet}`), address_key: millLane,
        },
        {
          rule: 'repeat-police-incidents', subject_kind: 'address', lead_feed: 'police', agencies: ['nhs', 'police'],
          raised_month: '2025-10-01', last_month: '2025-10-01', hours_to_acknowledge: 30, closed_month: '2025-10-01', closed_reason: 'action-taken',
          postcode_district: 'MB3', age_band: null, sex: null, person_key: null, address_key: millLane,
        },
      ]);
      // The same keys as the contacts' copy of the same address and person.
      const keys = await q<{ address_key: string; person_key: string | null }>(
        sql`SELECT DISTINCT address_key, person_key FROM trend_involvements WHERE address_key = ${millLane} AND person_key IS NOT NULL`,
      );
      expect(keys.map((k) => k.person_key)).toContain(pseudonymKey(secret, `person:${harriet}`));
      // Nothing that tells a day, an id, a name or a UPRN.
      const columns = await q<{ column_name: string; data_type: string }>(
        sql`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'trend_alerts' ORDER BY ordinal_position`,
      );
      expect(columns.filter((c) => c.data_type.startsWith('timestamp'))).toEqual([]);
      expect((await q(sql`SELECT 1 FROM trend_alerts WHERE EXTRACT(DAY FROM raised_month) <> 1 OR EXTRACT(DAY FROM last_month) <> 1 OR EXTRACT(DAY FROM closed_month) <> 1`)).length).toBe(0);
      const text = JSON.stringify(await q(sql`SELECT * FROM trend_alerts`));
      for (const needle of [String(MILL_LANE), HARRIET.family, HARRIET.dob, 'RET-', '2025-10-06', 'Mill Lane']) expect(text).not.toContain(needle);
    });

    it('takes involvements over 12 months old out of the live tables, keeps those under 12 months and open cases', async () => {
      const left = await q<{ source_id: string }>(sql`SELECT source_id FROM involvements ORDER BY source_id`);
      expect(left.map((r) => r.source_id)).toEqual(['CASE-OPEN', 'CASE-RECENT', 'ED-NEW-1', 'POL-NEW-1', 'POL-NEW-2']);
    });

    it('keeps a pseudonymised copy: keyed hashes, the month and the postcode district only', async () => {
      const columns = await q<{ column_name: string }>(
        sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'trend_involvements' ORDER BY ordinal_position`,
      );
      expect(columns.map((c) => c.column_name).sort()).toEqual(
        ['address_key', 'attendance', 'category', 'feed', 'id', 'last_month', 'month', 'person_key', 'postcode_district', 'was_open'],
      );
      // Nothing tells a day: no timestamp, and ids that do not number a run's rows together.
      const types = await q<{ data_type: string }>(
        sql`SELECT DISTINCT data_type FROM information_schema.columns WHERE table_name = 'trend_involvements' ORDER BY data_type`,
      );
      expect(types.map((t) => t.data_type)).toEqual(['boolean', 'date', 'text', 'uuid']);
      const [days] = await q<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM trend_involvements WHERE EXTRACT(DAY FROM month) <> 1 OR EXTRACT(DAY FROM last_month) <> 1`,
      );
      expect(days!.n).toBe(0);

      const copy = await q<{
        feed: string;
        category: string;
        month: string;
        last_month: string;
        postcode_district: string | null;
        person_key: string | null;
        address_key: string | null;
        was_open: boolean;
        attendance: string | null;
      }>(
        sql`SELECT feed, category, month::text AS month, last_month::text AS last_month, postcode_district, person_key, address_key, was_open, attendance
            FROM trend_involvements WHERE feed <> 'fire' ORDER BY month, feed, category`,
      );
      const person = (id: number) => pseudonymKey(secret, `person:${id}`);
      const address = (uprn: number) => pseudonymKey(secret, `uprn:${uprn}`);
      const derek = copy.find((r) => r.category === 'mental-health')!.person_key;
      const wilfred = copy.find((r) => r.category === 'self-neglect')!.person_key;
      const sandra = copy.find((r) => r.category === 'child-concern')!.person_key;
      expect(copy).toEqual([
        // A case open for years is copied when it closes, by its opening and closing months.
        { feed: 'council-adults', category: 'self-neglect', month: '2022-05-01', last_month: '2025-09-01', postcode_district: 'MB2', person_key: wilfred, address_key: address(100000000010), was_open: false, attendance: null },
        { feed: 'council-adults', category: 'mental-health', month: '2025-03-01', last_month: '2025-09-01', postcode_district: 'MB2', person_key: derek, address_key: address(100000000014), was_open: false, attendance: null },
        { feed: 'police', category: 'child-concern', month: '2025-06-01', last_month: '2025-06-01', postcode_district: 'MB3', person_key: sandra, address_key: address(MILL_LANE), was_open: false, attendance: null },
        { feed: 'police', category: 'concern-for-welfare', month: '2025-08-01', last_month: '2025-08-01', postcode_district: 'ZZ9', person_key: null, address_key: null, was_open: false, attendance: null },
        { feed: 'nhs', category: 'self-harm', month: '2025-09-01', last_month: '2025-09-01', postcode_district: 'MB3', person_key: person(harriet), address_key: address(MILL_LANE), was_open: false, attendance: 'attended' },
        // A possible address is not this address: no UPRN, no postcode, no district.
        { feed: 'police', category: 'drugs', month: '2025-09-01', last_month: '2025-09-01', postcode_district: null, person_key: null, address_key: null, was_open: false, attendance: null },
        { feed: 'police', category: 'domestic-abuse', month: '2025-10-01', last_month: '2025-10-01', postcode_district: 'MB3', person_key: person(harriet), address_key: address(MILL_LANE), was_open: false, attendance: null },
        { feed: 'police', category: 'drugs', month: '2025-10-01', last_month: '2025-10-01', postcode_district: 'MB1', person_key: person(marcus), address_key: address(HIGH_STREET_FLAT_2), was_open: false, attendance: null },
      ]);
      for (const key of [derek, wilfred, sandra]) expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(new Set([derek, wilfred, sandra, person(harriet), person(marcus)]).size).toBe(5);
      // No id, UPRN, name, date of birth or day in the copy, and a key is not a plain hash of the id.
      const text = JSON.stringify(copy);
      for (const raw of [String(MILL_LANE), String(HIGH_STREET_FLAT_2), HARRIET.family, HARRIET.dob, 'Fenwright', '2025-10-10', 'MB3 4RT']) expect(text).not.toContain(raw);
      expect(person(harriet)).not.toBe(pseudonymKey(Buffer.alloc(32), `person:${harriet}`));
    });

    it('gives trend reporting a view that cannot tell which rows one run copied', async () => {
      const viewed = await q<Record<string, unknown>>(sql`SELECT * FROM trend_report`);
      const table = await q<Record<string, unknown>>(
        sql`SELECT feed, category, month, last_month, postcode_district, person_key, address_key, was_open, attendance FROM trend_involvements`,
      );
      expect(viewed).toHaveLength(table.length);
      expect(new Set(viewed.map((r) => JSON.stringify(r)))).toEqual(new Set(table.map((r) => JSON.stringify(r))));
      expect(Object.keys(viewed[0]!)).not.toContain('id');
      // In its own order (by month first), not the order the runs wrote the rows in.
      const months = viewed.map((r) => String(r.month));
      expect(months).toEqual([...months].sort());
      // No system column: the transaction that copied a row is not there to read.
      await expect(q(sql`SELECT xmin FROM trend_report`)).rejects.toThrow();
    });

    it('deletes a person whose involvements all left, wherever a name or date of birth was kept', async () => {
      expect(await tablesHolding(HARRIET.family)).toEqual([]);
      expect(await tablesHolding(HARRIET.dob)).toEqual([]);
      expect(await tablesHolding('Quennell')).toEqual([]);
      const [p] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM persons WHERE id = ${harriet}`);
      expect(p!.n).toBe(0);
      expect(first.personsDeleted).toBeGreaterThanOrEqual(3);
      // Nor is any person kept with neither a record nor an involvement (the linker gives a re-sent
      // record a new person; the one it leaves behind still holds a name and a date of birth).
      const [empty] = await q<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM persons p
            WHERE NOT EXISTS (SELECT 1 FROM person_records r WHERE r.person_id = p.id)
              AND NOT EXISTS (SELECT 1 FROM involvements i WHERE i.person_id = p.id)`,
      );
      expect(empty!.n).toBe(0);
    });

    it('keeps a person with a recent involvement, with the records of what remains', async () => {
      const records = await q<{ source_id: string }>(sql`SELECT source_id FROM person_records WHERE person_id = ${marcus}`);
      expect(records.map((r) => r.source_id)).toEqual(['ED-NEW-1']);
      const [p] = await q<{ family_name: string }>(sql`SELECT family_name FROM persons WHERE id = ${marcus}`);
      expect(p!.family_name).toBe('Fenwright');
      expect(await tablesHolding('Ramaswamy')).toEqual(expect.arrayContaining(['persons', 'person_records']));
    });

    it('takes the review items of rows that left with them', async () => {
      const pairs = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM match_reviews WHERE record_a = ${sandraRecord} OR record_b = ${sandraRecord}`);
      expect(pairs[0]!.n).toBe(0);
      const [items] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM address_reviews`);
      expect(items!.n).toBe(0);
      // Uploads stay (they make a re-sent old file a duplicate); reasons of old rejected rows go.
      const [uploads] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM feed_uploads`);
      expect(uploads!.n).toBe(8);
      const [rejected] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM rejected_rows`);
      expect(rejected!.n).toBe(1);
    });

    it('no longer counts the old contacts in the address summary', async () => {
      const police = (s: typeof before) => s.agencies.find((a) => a.agency === 'police')!;
      const nhs = (s: typeof before) => s.agencies.find((a) => a.agency === 'nhs')!;
      expect(police(before).contacts12m).toBe(4);
      expect(nhs(before).involved).toBe(true);
      expect(before.people.map((p) => p.name)).toEqual(expect.arrayContaining([`Harriet ${HARRIET.family}`]));
      const after = await summaryOn('2025-12-24', MILL_LANE);
      expect(police(after).contacts12m).toBe(2);
      expect(nhs(after).involved).toBe(false);
      expect(after.people.map((p) => p.name)).toEqual(['Leanne Kelly']);
    });

    it('deletes trend rows whose last month is more than 36 months back', async () => {
      const months = await q<{ month: string }>(sql`SELECT month::text AS month FROM trend_involvements WHERE feed = 'fire' ORDER BY month`);
      // The case opened in 2021 closed in February 2024: its 36 months are not over.
      expect(months.map((m) => m.month)).toEqual(['2021-01-01', '2023-12-01']);
    });
  });

  describe('the daily job', () => {
    it('is queued once a day however many processes schedule it', async () => {
      const a = await scheduleRetention(database, new Date('2026-11-20T00:05:00Z'));
      const b = await scheduleRetention(database, new Date('2026-11-20T23:55:00Z'));
      expect(b).toBe(a);
      const [jobs] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM jobs WHERE kind = ${RETENTION}`);
      expect(jobs!.n).toBe(1);
      const c = await scheduleRetention(database, new Date('2026-11-21T00:05:00Z'));
      expect(c).not.toBe(a);
      await database.db.execute(sql`DELETE FROM jobs WHERE id = ${c}`);
    });

    it('run again the same day changes nothing, and marks its job done with its counts', async () => {
      const snapshot = () =>
        q<{ t: unknown }>(
          sql`SELECT json_build_object(
                'involvements', (SELECT json_agg(i ORDER BY i.id) FROM involvements i),
                'persons', (SELECT json_agg(p ORDER BY p.id) FROM persons p),
                'records', (SELECT json_agg(r ORDER BY r.id) FROM person_records r),
                'trend', (SELECT json_agg(t ORDER BY t.id) FROM trend_involvements t),
                'trendAlerts', (SELECT json_agg(t ORDER BY t.id) FROM trend_alerts t),
                'reviews', (SELECT json_agg(m ORDER BY m.id) FROM match_reviews m),
                'uploads', (SELECT count(*) FROM feed_uploads),
                'rejected', (SELECT count(*) FROM rejected_rows)) AS t`,
        );
      const was = await snapshot();
      const [job] = await q<{ id: string }>(sql`SELECT id::text FROM jobs WHERE kind = ${RETENTION}`);
      await database.db.execute(sql`UPDATE jobs SET run_after = now() - interval '1 minute' WHERE id = ${Number(job!.id)}`);
      const claimed = await claimJob<RetentionJobPayload>(database.db, { kinds: [RETENTION], worker: 'test', leaseMs: 60_000, maxAttempts: 3 });
      expect(claimed?.payload).toEqual({ date: '2026-11-20' });
      const lines: string[] = [];
      await retentionHandler(database, { dataDir, clock: () => NOW, log: (l) => lines.push(l) }).run(claimed!);
      const done = await getJob<RetentionJobPayload, RetentionCounts>(database.db, claimed!.id);
      expect(done?.state).toBe('done');
      expect(done?.result).toEqual({ ...first, moved: 0, copied: 0, personsDeleted: 0, personRecordsDeleted: 0, addressReviewsDeleted: 0, rejectedRowsDeleted: 0, notificationsDeleted: 0, breakGlassDeleted: 0, alertsDeleted: 0, alertsCopied: 0, trendRowsDeleted: 0, trendAlertsDeleted: 0 });
      expect(lines.join('\n')).toContain('0 involvements dated before 2025-11-20 left the live data');
      expect(await snapshot()).toEqual(was);
    });

    it('shows a remaining person by a remaining record when the record they were shown by left', async () => {
      // Made by hand: a person named as their old record says, with a newer record spelt otherwise.
      const [p] = await q<{ id: string }>(
        sql`INSERT INTO persons (given_name, family_name, date_of_birth) VALUES ('Jonathon', 'Pelham', '1975-04-04') RETURNING id::text`,
      );
      const person = Number(p!.id);
      const record = async (sourceId: string, given: string, dob: string) =>
        Number(
          (await q<{ id: string }>(
            sql`INSERT INTO person_records (feed, source_id, person_id, given_name, family_name, date_of_birth)
                VALUES ('police', ${sourceId}, ${person}, ${given}, 'Pelham', ${dob}) RETURNING id::text`,
          ))[0]!.id,
        );
      const involvement = (sourceId: string, recordId: number, date: string) =>
        database.db.execute(
          sql`INSERT INTO involvements (feed, source_id, address_match, category, contact_date, lead_team_id, upload_id, person_id, person_record_id)
              SELECT 'police', ${sourceId}, 'unmatched', 'violence', ${date}, lead_team_id, upload_id, ${person}, ${recordId}
              FROM involvements WHERE source_id = 'POL-NEW-1'`,
        );
      await involvement('POL-JP-1', await record('POL-JP-1', 'Jonathon', '1975-04-04'), '2024-01-05');
      await involvement('POL-JP-2', await record('POL-JP-2', 'Jon', '1975-04-14'), '2026-05-05');
      const counts = await runRetention(database, { now: NOW, secret });
      expect(counts).toMatchObject({ moved: 1, copied: 1, personRecordsDeleted: 1, personsDeleted: 0, personsRenamed: 1 });
      const [shown] = await q<{ given_name: string; date_of_birth: string }>(
        sql`SELECT given_name, date_of_birth::text AS date_of_birth FROM persons WHERE id = ${person}`,
      );
      expect(shown).toEqual({ given_name: 'Jon', date_of_birth: '1975-04-14' });
      expect(await tablesHolding('Jonathon')).toEqual([]);
    });
  });

  describe('the pseudonym secret', () => {
    it('is made once, 32 random bytes in a file only its owner can read, and reused', async () => {
      const file = join(dataDir, PSEUDONYM_KEY_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
      expect(secret.length).toBe(32);
      expect((await loadPseudonymSecret(dataDir, {})).equals(secret)).toBe(true);
    });

    it('is one key when several processes make it at once', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mast-key-'));
      try {
        const keys = await Promise.all(Array.from({ length: 6 }, () => loadPseudonymSecret(join(dir, 'data'), {})));
        expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('comes from MAST_PSEUDONYM_KEY when set, and a short or damaged key is refused without being shown', async () => {
      const hex = 'ab'.repeat(32);
      expect((await loadPseudonymSecret(dataDir, { MAST_PSEUDONYM_KEY: hex })).toString('hex')).toBe(hex);
      await expect(loadPseudonymSecret(dataDir, { MAST_PSEUDONYM_KEY: 'cd'.repeat(16) })).rejects.toThrow(/at least 32 bytes/);
      await expect(loadPseudonymSecret(dataDir, { MAST_PSEUDONYM_KEY: 'cd'.repeat(16) })).rejects.not.toThrow(/cdcd/);
      const dir = mkdtempSync(join(tmpdir(), 'mast-key-'));
      try {
        writeFileSync(join(dir, PSEUDONYM_KEY_FILE), 'not a key\n');
        await expect(loadPseudonymSecret(dir, {})).rejects.toThrow(/at least 32 bytes/);
        expect(readFileSync(join(dir, PSEUDONYM_KEY_FILE), 'utf8')).toBe('not a key\n');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      await expect(runRetention(database, { now: NOW, secret: Buffer.alloc(16) })).rejects.toThrow(/at least 32 bytes/);
    });
  });

  describe('pnpm mast retention --as-of', () => {
    it('runs as of the start of an earlier UTC date, never a later one', () => {
      const today = new Date('2026-11-20T15:00:00Z');
      expect(retentionClock(undefined, today)).toBe(today);
      expect(retentionClock('2026-11-01', today)).toEqual(new Date('2026-11-01T00:00:00Z'));
      expect(retentionClock('2026-11-20', today)).toEqual(new Date('2026-11-20T00:00:00Z'));
      expect(retentionClock('2026-11-21', today)).toMatch(/cannot be after today/);
      expect(retentionClock('2026-02-30', today)).toMatch(/YYYY-MM-DD/);
      expect(retentionClock('20261101', today)).toMatch(/YYYY-MM-DD/);
    });
  });
});
