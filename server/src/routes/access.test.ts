// What the sharing agreement asks around a lookup: a purpose (with its reference), sensitive
// addresses kept from those not allowed to find them, break-glass granted at once and reviewed by
// a supervisor of the same organisation, and the lead team told when another organisation looks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressSearchResponseSchema, AddressSummarySchema, BreakGlassListResponseSchema, LeadNotificationListResponseSchema } from '@mast/shared';
import { openTestDatabase, sql, type Database } from '@mast/db';
import { createApp } from '../app.ts';
import { loadAgreement } from '../access/agreement.ts';
import { backendName, tempFiles, type TempFiles } from '../test/small-borough.ts';
import { NOW, loadAgreementBorough, signedInAs, type Cell } from '../test/agreement-borough.ts';

const REFUGE = 300000000900;

describe(`purpose, sensitive addresses, break-glass and the lead team told (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let cells: Cell[];
  let app: ReturnType<typeof createApp>;
  let clock = NOW;
  const cellOf = (feed: string, category: string) => cells.find((c) => c.feed === feed && c.category === category)!;

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    cells = await loadAgreementBorough(database, files, [REFUGE]);
    // The clock jumps an hour (break-glass lapses): a day's idle timeout keeps the sessions (idle expiry is sessions.test.ts's).
    app = createApp({ database, now: () => clock, webRoot: false, agreement: loadAgreement(), sessions: { idleMinutes: 24 * 60, hours: 12 } });
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  const get = (path: string, cookie: string) => app.request(path, { headers: { cookie } });
  const post = (path: string, cookie: string, body?: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
  const auditCount = async (action: string, userId: number) =>
    (await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE action = ${action} AND user_id = ${userId}`))[0]!.n;

  describe('a stated purpose', () => {
    it('refuses a summary without one, with the code purpose-required, and audits the refusal', async () => {
      const { cookie, userId } = await signedInAs(database, 'police/responder');
      const uprn = cells[0]!.uprn;
      const res = await get(`/api/addresses/${uprn}`, cookie);
      expect(res.status).toBe(400);
      expect(await errorCode(res)).toBe('purpose-required');
      expect(await auditCount('lookup-refused-no-purpose', userId)).toBe(1);
    });

    it('refuses a purpose the role may not give, and one without the reference it needs', async () => {
      const { cookie } = await signedInAs(database, 'police/responder');
      const uprn = cells[0]!.uprn;
      expect(await errorCode(await get(`/api/addresses/${uprn}?purpose=home-visit`, cookie))).toBe('purpose-required');
      expect(await errorCode(await get(`/api/addresses/${uprn}?purpose=attending-incident`, cookie))).toBe('purpose-required');
      expect((await get(`/api/addresses/${uprn}?purpose=attending-incident&reference=INC-2211`, cookie)).status).toBe(200);
      // A reference is a code, not a sentence: anything else is refused.
      expect((await get(`/api/addresses/${uprn}?purpose=attending-incident&reference=${encodeURIComponent('<script>')}`, cookie)).status).toBe(400);
    });

    it('lists the purposes the signed-in user may give', async () => {
      const fire = await signedInAs(database, 'fire/responder');
      const body = (await (await get('/api/purposes', fire.cookie)).json()) as { purposes: { code: string; reference: string }[]; agreementVersion: string };
      expect(body.purposes.map((p) => p.code)).toEqual(['attending-incident', 'home-safety-visit', 'safeguarding-concern']);
      expect(body.purposes[0]!.reference).toBe('required');
      expect(body.agreementVersion).toMatch(/#/);
    });

    it('records the purpose, reference, client, session and what was shown (levels, never values)', async () => {
      const { cookie, userId } = await signedInAs(database, 'police/responder');
      const cell = cellOf('nhs', 'self-harm');
      await get(`/api/addresses/${cell.uprn}?purpose=attending-incident&reference=INC-77`, cookie);
      const [entry] = await database.query<{ purpose: string; reference: string; detail: Record<string, string>; client: string; session_ref: string; subject_kind: string; role: string }>(
        sql`SELECT purpose, reference, detail, client, session_ref, subject_kind, role FROM audit_events WHERE user_id = ${userId} AND action = 'view-address' AND uprn = ${cell.uprn} ORDER BY id DESC LIMIT 1`,
      );
      expect(entry).toMatchObject({ purpose: 'attending-incident', reference: 'INC-77', subject_kind: 'address', role: 'responder' });
      expect(entry!.detail).toMatchObject({ nhs: 'flag', police: 'none', people: '1' });
      expect(entry!.client).toBeTruthy();
      expect(entry!.session_ref).toMatch(/^[0-9a-f]{16}$/);
      expect(JSON.stringify(entry)).not.toMatch(/self-harm|Testperson/);
    });
  });

  describe('a sensitive address', () => {
    it('is never found by a role not allowed to, and the attempt is flagged', async () => {
      const { cookie, userId } = await signedInAs(database, 'fire/responder');
      const refuge = cells.length + 1; // its house number in the fixture's road
      const found = AddressSearchResponseSchema.parse(await (await get(`/api/addresses?q=${refuge}+Agreement+Road`, cookie)).json());
      expect(found.results.map((r) => r.uprn)).not.toContain(String(REFUGE));
      expect(await auditCount('sensitive-address-searched', userId)).toBe(1);
      const res = await get(`/api/addresses/${REFUGE}?purpose=home-safety-visit`, cookie);
      expect(res.status).toBe(404);
      expect(await auditCount('sensitive-address-attempt', userId)).toBe(1);
      // A street search lists the road's other houses, and is no attempt on the refuge.
      const street = AddressSearchResponseSchema.parse(await (await get('/api/addresses?q=Agreement+Road&limit=50', cookie)).json());
      expect(street.total).toBe(cells.length);
      expect(await auditCount('sensitive-address-searched', userId)).toBe(1);
    });

    it('is found by a role the agreement allows, and marked so that it is not disclosed', async () => {
      const { cookie } = await signedInAs(database, 'police/responder');
      const found = AddressSearchResponseSchema.parse(await (await get(`/api/addresses?q=${cells.length + 1}+Agreement+Road`, cookie)).json());
      expect(found.results[0]!.uprn).toBe(String(REFUGE));
      const summary = AddressSummarySchema.parse(await (await get(`/api/addresses/${REFUGE}?purpose=welfare-check`, cookie)).json());
      expect(summary.sensitive).toBe(true);
    });
  });

  describe('break-glass', () => {
    it('shows a responder everything at that address only, at once, flagged for their supervisor', async () => {
      const { cookie, userId } = await signedInAs(database, 'fire/responder', { username: 'crew-one', organisation: 'Test fire' });
      const selfHarm = cellOf('nhs', 'self-harm');
      const before = AddressSummarySchema.parse(await (await get(`/api/addresses/${selfHarm.uprn}?purpose=home-safety-visit`, cookie)).json());
      expect(before.agencies.find((a) => a.agency === 'nhs')).toMatchObject({ detail: 'flag', categories: [] });
      expect(before.access).toMatchObject({ breakGlass: false, canBreakGlass: true });

      expect((await post(`/api/addresses/${selfHarm.uprn}/break-glass`, cookie, { reason: 'short', purpose: 'home-safety-visit' })).status).toBe(400);
      const granted = await post(`/api/addresses/${selfHarm.uprn}/break-glass`, cookie, {
        reason: 'Crew at the door: occupant says they are in danger',
        purpose: 'attending-incident',
        reference: 'INC-9',
      });
      expect(granted.status).toBe(201);
      expect(await auditCount('break-glass', userId)).toBe(1);

      const after = AddressSummarySchema.parse(await (await get(`/api/addresses/${selfHarm.uprn}?purpose=home-safety-visit`, cookie)).json());
      expect(after.agencies.find((a) => a.agency === 'nhs')!.categories.map((c) => c.code)).toEqual(['self-harm']);
      expect(after.access).toMatchObject({ breakGlass: true, canBreakGlass: false });
      expect(await auditCount('view-address-break-glass', userId)).toBe(1);
      // Another address stays as the agreement says.
      const overdose = cellOf('nhs', 'overdose');
      const other = AddressSummarySchema.parse(await (await get(`/api/addresses/${overdose.uprn}?purpose=home-safety-visit`, cookie)).json());
      expect(other.agencies.find((a) => a.agency === 'nhs')!.categories).toEqual([]);
      // An hour on, the glass is whole again.
      clock = new Date(NOW.getTime() + 61 * 60_000);
      const later = AddressSummarySchema.parse(await (await get(`/api/addresses/${selfHarm.uprn}?purpose=home-safety-visit`, cookie)).json());
      expect(later.access.breakGlass).toBe(false);
      clock = NOW;

      // The fire supervisor reviews it; the police supervisor neither sees it nor can review it.
      const sup = await signedInAs(database, 'fire/supervisor', { username: 'watch-manager', organisation: 'Test fire' });
      const list = BreakGlassListResponseSchema.parse(await (await get('/api/break-glass', sup.cookie)).json());
      expect(list.awaitingReview).toBe(1);
      const use = list.uses[0]!;
      expect(use).toMatchObject({ uprn: String(selfHarm.uprn), reason: 'Crew at the door: occupant says they are in danger', purpose: 'attending-incident', review: null });
      const police = await signedInAs(database, 'police/supervisor', { username: 'sergeant-two', organisation: 'Test police' });
      expect(BreakGlassListResponseSchema.parse(await (await get('/api/break-glass', police.cookie)).json()).uses).toEqual([]);
      expect((await post(`/api/break-glass/${use.id}/review`, police.cookie, { outcome: 'not-justified' })).status).toBe(404);
      // A responder is no supervisor.
      expect((await post(`/api/break-glass/${use.id}/review`, cookie, { outcome: 'justified' })).status).toBe(403);

      expect((await post(`/api/break-glass/${use.id}/review`, sup.cookie, { outcome: 'justified' })).status).toBe(204);
      expect((await post(`/api/break-glass/${use.id}/review`, sup.cookie, { outcome: 'not-justified' })).status).toBe(404);
      const reviewed = BreakGlassListResponseSchema.parse(await (await get('/api/break-glass', sup.cookie)).json());
      expect(reviewed.awaitingReview).toBe(0);
      expect(reviewed.uses[0]!.review).toMatchObject({ outcome: 'justified' });
      expect(await auditCount('break-glass-reviewed', sup.userId)).toBe(1);
    });

    it('is refused to a role that may not break the glass', async () => {
      const { cookie } = await signedInAs(database, 'council/practitioner');
      const res = await post(`/api/addresses/${cells[0]!.uprn}/break-glass`, cookie, { reason: 'I would like to see more here', purpose: 'home-visit' });
      expect(res.status).toBe(403);
    });
  });

  describe('the lead team told', () => {
    it("tells the team leading an open case when another organisation looks, once an hour, never its own organisation's looks", async () => {
      const [team] = await database.query<{ id: number; organisation_id: number }>(sql`SELECT id, organisation_id FROM teams WHERE code = 'ASC-DUTY'`);
      const [org] = await database.query<{ name: string }>(sql`SELECT name FROM organisations WHERE id = ${team!.organisation_id}`);
      const worker = await signedInAs(database, 'council/practitioner', { username: 'asc-worker', organisation: org!.name, teamId: team!.id });
      const colleague = await signedInAs(database, 'council/practitioner', { username: 'asc-colleague', organisation: org!.name, teamId: null });
      const officer = await signedInAs(database, 'police/responder', { username: 'pc-notify', organisation: 'Test police' });
      const cell = cellOf('council-adults', 'self-neglect');
      const notifications = async (cookie: string) => LeadNotificationListResponseSchema.parse(await (await get('/api/notifications', cookie)).json());
      const before = (await notifications(worker.cookie)).notifications.length;

      await get(`/api/addresses/${cell.uprn}?purpose=home-visit`, colleague.cookie);
      expect((await notifications(worker.cookie)).notifications.length).toBe(before);

      await get(`/api/addresses/${cell.uprn}?purpose=attending-incident&reference=INC-5`, officer.cookie);
      await get(`/api/addresses/${cell.uprn}?purpose=attending-incident&reference=INC-5`, officer.cookie);
      const told = await notifications(worker.cookie);
      expect(told.notifications.length).toBe(before + 1);
      const note = told.notifications[0]!;
      expect(note).toMatchObject({ uprn: String(cell.uprn), purpose: 'attending-incident', reference: 'INC-5', read: false, viewer: { organisation: 'Test police', role: 'responder' } });
      expect(told.unread).toBeGreaterThan(0);
      // Another incident is another look to be told of.
      await get(`/api/addresses/${cell.uprn}?purpose=attending-incident&reference=INC-6`, officer.cookie);
      expect((await notifications(worker.cookie)).notifications.length).toBe(before + 2);

      // Nobody reads or marks another team's notifications by changing an id.
      expect((await notifications(officer.cookie)).notifications).toEqual([]);
      expect((await post(`/api/notifications/${note.id}/read`, officer.cookie)).status).toBe(404);
      expect((await post(`/api/notifications/${note.id}/read`, colleague.cookie)).status).toBe(404);
      expect((await post(`/api/notifications/${note.id}/read`, worker.cookie)).status).toBe(204);
      expect((await notifications(worker.cookie)).notifications.find((n) => n.id === note.id)!.read).toBe(true);
    });
  });
});
