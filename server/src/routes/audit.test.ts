// The information governance officer's tools through the real app: only they may use them, every
// use is audited, and the subject access report names organisations and roles, never users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, recordAudit, setUserHomePostcode, sql, type Database } from '@mast/db';
import { ApiErrorSchema, AuditFlagsResponseSchema, AuditSearchResponseSchema, SubjectAccessReportSchema } from '@mast/shared';
import { createApp } from '../app.ts';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { seedDemoUsers } from '../seed/demo-users.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';

const MILL_LANE = 100000000001;
const ACACIA = 100000000002;

describe(`the audit API (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let app: ReturnType<typeof createApp>;
  const cookies: Record<string, string> = {};
  let personId: number;
  let userIds: Record<string, number>;

  async function signIn(username: string) {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: `mast-demo-${username}` }),
    });
    expect(res.status).toBe(200);
    cookies[username] = res.headers.get('set-cookie')!.split(';')[0]!;
  }
  const get = (as: string, path: string) => app.request(path, { headers: { cookie: cookies[as]! } });
  const post = (as: string, path: string, body: unknown) =>
    app.request(path, { method: 'POST', headers: { cookie: cookies[as]!, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const entriesOf = async (res: Response) => {
    expect(res.status).toBe(200);
    return AuditSearchResponseSchema.parse(await res.json());
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    await seedDemoUsers(database.db);
    const police = [
      'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team',
      `POL-1,2026-11-01,domestic-abuse,Sandra,Kelly,1971-03-14,F,${MILL_LANE},27 Mill Lane,MB3 4RT,POL-NORTH`,
    ].join('\n');
    await ingestFeedFile(database, { feed: 'police', path: files.write('police.csv', police), now: new Date() });
    const [p] = await database.query<{ person_id: string }>(sql`SELECT person_id::text FROM involvements WHERE source_id = 'POL-1'`);
    personId = Number(p!.person_id);
    const users = await database.query<{ id: number; username: string }>(sql`SELECT id, username FROM users`);
    userIds = Object.fromEntries(users.map((u) => [u.username, u.id]));
    app = createApp({ database, webRoot: false });
    for (const u of ['officer', 'firefighter', 'governance', 'admin', 'steward']) await signIn(u);
    expect((await get('officer', `/api/addresses/${MILL_LANE}?purpose=attending-incident&reference=INC-1`)).status).toBe(200);
  });
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  it('is for the information governance officer only (the anchor for administrators too)', async () => {
    for (const who of ['officer', 'steward', 'admin']) {
      for (const res of [
        await get(who, '/api/audit/entries'),
        await get(who, '/api/audit/entries.csv'),
        await get(who, '/api/audit/flags'),
        await post(who, '/api/audit/subject-access', { personId }),
        await post(who, '/api/audit/subject-access.csv', { personId }),
      ]) {
        expect(res.status).toBe(403);
        expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('forbidden');
      }
    }
    expect((await get('officer', '/api/audit/anchor')).status).toBe(403);
    expect((await get('admin', '/api/audit/anchor')).status).toBe(200);
    expect((await app.request('/api/audit/entries')).status).toBe(401);
  });

  it("finds the officer's lookup by address, with who, organisation, role and time", async () => {
    const { entries } = await entriesOf(await get('governance', `/api/audit/entries?uprn=${MILL_LANE}`));
    const view = entries.find((e) => e.action === 'view-address');
    expect(view).toMatchObject({
      userName: 'PC Alex Morgan',
      organisation: 'Police force',
      role: 'responder',
      uprn: MILL_LANE,
      address: expect.stringContaining('27 Mill Lane'),
      subjectKind: 'address',
    });
    expect(Date.parse(view!.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('searches by user, purpose and dates, a page at a time', async () => {
    await recordAudit(database.db, { userId: userIds.firefighter!, action: 'view-address', uprn: ACACIA, purpose: 'home-safety-visit' });
    const byUser = await entriesOf(await get('governance', `/api/audit/entries?userId=${userIds.firefighter}`));
    expect(byUser.entries.every((e) => e.userId === userIds.firefighter)).toBe(true);
    expect(byUser.entries.length).toBeGreaterThan(0);
    const byPurpose = await entriesOf(await get('governance', '/api/audit/entries?purpose=home-safety-visit'));
    expect(byPurpose.entries.map((e) => e.uprn)).toEqual([ACACIA]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await entriesOf(await get('governance', `/api/audit/entries?from=${today}&to=${today}`))).entries.length).toBeGreaterThan(1);
    expect((await entriesOf(await get('governance', '/api/audit/entries?to=2020-01-01'))).entries).toEqual([]);
    const first = await entriesOf(await get('governance', '/api/audit/entries?limit=2'));
    expect(first.entries).toHaveLength(2);
    const second = await entriesOf(await get('governance', `/api/audit/entries?limit=2&before=${first.nextBefore}`));
    expect(second.entries[0]!.seq!).toBeLessThan(first.entries[1]!.seq!);
  });

  it('refuses a bad search, naming the fields only', async () => {
    const res = await get('governance', '/api/audit/entries?uprn=abc&from=2026-02-31&purpose=Drop%20table');
    expect(res.status).toBe(400);
    expect(ApiErrorSchema.parse(await res.json()).error.fields?.sort()).toEqual(['from', 'purpose', 'uprn']);
  });

  it('audits the officer\'s own searches and exports, naming no address as a lookup would', async () => {
    const res = await get('governance', `/api/audit/entries.csv?uprn=${MILL_LANE}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('seq,at_utc,user_id,user,organisation,role,action,uprn,address,subject_kind,subject_id,purpose,reference,client');
    expect(lines.some((l) => l.includes('PC Alex Morgan') && l.includes('Police force') && l.includes('view-address'))).toBe(true);
    const own = await database.query<{ action: string; uprn: string | null; detail: { searched?: { uprn?: string } } }>(
      sql`SELECT action, uprn::text, detail FROM audit_events WHERE user_id = ${userIds.governance!} ORDER BY seq`,
    );
    expect(own.map((e) => e.action)).toEqual(expect.arrayContaining(['audit-search', 'audit-export']));
    expect(own.every((e) => e.uprn === null)).toBe(true);
    expect(own.find((e) => e.action === 'audit-export')!.detail.searched).toEqual({ uprn: String(MILL_LANE) });
  });

  it('flags a user looking up their own street, a lookup with no incident reference, and far more lookups than peers', async () => {
    await setUserHomePostcode(database.db, 'officer', 'mb3 4rt');
    await recordAudit(database.db, { userId: userIds.officer!, action: 'view-address', uprn: ACACIA, purpose: 'attending-incident', reference: null });
    await recordAudit(database.db, { userId: userIds.officer!, action: 'view-address', uprn: ACACIA, purpose: 'attending-incident', reference: 'INC-42' });
    for (let i = 0; i < 12; i++) await recordAudit(database.db, { userId: userIds.firefighter!, action: 'view-address', uprn: ACACIA });
    const res = await get('governance', '/api/audit/flags');
    expect(res.status).toBe(200);
    const { flags } = AuditFlagsResponseSchema.parse(await res.json());
    const kinds = (kind: string) => flags.filter((f) => f.kind === kind);
    expect(kinds('own-street')).toEqual([expect.objectContaining({ userName: 'PC Alex Morgan', uprn: MILL_LANE, organisation: 'Police force' })]);
    expect(kinds('no-incident-reference')).toEqual([expect.objectContaining({ userId: userIds.officer, purpose: 'attending-incident', uprn: ACACIA })]);
    expect(kinds('many-lookups')).toEqual([expect.objectContaining({ userId: userIds.firefighter, role: 'responder', lookups: 13, peerMedian: 3 })]);
  });

  it('answers a subject access request by organisation, role, purpose and date, never naming users', async () => {
    await recordAudit(database.db, { userId: userIds.steward!, organisationId: null, role: 'data-steward', action: 'person-links-view', subjectKind: 'person', subjectId: String(personId) });
    const res = await post('governance', '/api/audit/subject-access', { personId });
    expect(res.status).toBe(200);
    const text = await res.text();
    const report = SubjectAccessReportSchema.parse(JSON.parse(text));
    expect(report.addresses).toEqual([{ uprn: MILL_LANE, address: expect.stringContaining('27 Mill Lane') }]);
    expect(report.lookups).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ organisation: 'Police force', role: 'responder', looked: 'address', uprn: MILL_LANE }),
        expect.objectContaining({ role: 'data-steward', looked: 'person' }),
      ]),
    );
    expect(report.note).toMatch(/not by the name/);
    expect(text).not.toMatch(/Alex Morgan|Priya Shah|Sandra|Kelly|1971/);
    const csv = await post('governance', '/api/audit/subject-access.csv', { personId });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('at_utc,organisation,role,purpose,looked_up,uprn,address');
    expect(lines.some((l) => l.includes('Police force,responder'))).toBe(true);
    const [own] = await database.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE user_id = ${userIds.governance!} AND action LIKE 'audit-subject-access%' AND subject_id = ${String(personId)}`,
    );
    expect(own!.n).toBe(2);
  });

  it('takes the person in the body, never in the URL', async () => {
    expect((await post('governance', '/api/audit/subject-access', { personId: 'Sandra Kelly' })).status).toBe(400);
    expect((await get('governance', `/api/audit/subject-access?personId=${personId}`)).status).toBe(404);
  });

  it('shows the chain anchor an administrator copies out', async () => {
    const res = await get('admin', '/api/audit/anchor');
    const body = (await res.json()) as { anchor: { seq: number; hash: string }; headSeq: number };
    expect(body.anchor.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.headSeq).toBeGreaterThanOrEqual(body.anchor.seq);
  });
});
