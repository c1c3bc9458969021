// Alerts through the API: the list a phone keeps (what the agreement lets the user know of, under
// a key of the session's own), the alerts on an address page, and the lead agency alone
// acknowledging and closing, each step audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressSummarySchema, AlertListResponseSchema, AlertSchema } from '@mast/shared';
import { evaluateAlertRules, openTestDatabase, sql, type Database } from '@mast/db';
import { createApp } from '../app.ts';
import { alertListKey } from './alerts.ts';
import { agreementFromText } from '../access/agreement.ts';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { loadAlertRules } from '../alerts/rules-file.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';
import { NOW, signedInAs } from '../test/agreement-borough.ts';

const POLICE = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
const NHS = 'attendance_id,attendance_date,attendance_type,category,given_name,family_name,date_of_birth,sex,nhs_number,uprn,address,postcode,lead_team';
const COUNCIL = 'case_id,opened_on,category,given_name,family_name,date_of_birth,sex,nhs_number,uprn,address,postcode,lead_team';
const MILL_LANE = '100000000001';
const before = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString().slice(0, 10);

// A small agreement: the fire crew is told nothing of health at all, so no alert counting health
// contacts may reach it.
const AGREEMENT = agreementFromText(`version: "alerts-test"
purposes:
  attending-incident: { label: Attending an incident, reference: optional, reference-label: Incident number }
viewers:
  police/responder:
    purposes: [attending-incident]
    sees: { police: full, council-children: flag, council-adults: flag, nhs: flag, fire: flag }
  fire/responder:
    purposes: [attending-incident]
    sees: { police: flag, council-children: hidden, council-adults: flag, nhs: hidden, fire: full }
  council/practitioner:
    purposes: [attending-incident]
    sees: { police: flag, council-children: full, council-adults: full, nhs: flag, fire: flag }
`);

describe(`alerts through the API (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let app: ReturnType<typeof createApp>;
  const get = (path: string, cookie: string) => app.request(path, { headers: { cookie } });
  const post = (path: string, cookie: string, body?: unknown) =>
    app.request(path, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const list = async (cookie: string) => AlertListResponseSchema.parse(await (await get('/api/alerts', cookie)).json());

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    const sandra = `Sandra,Kelly,1971-03-14,F`;
    let n = 0;
    const ingest = (feed: 'police' | 'nhs' | 'fire' | 'council-adults', header: string, lines: string[]) =>
      ingestFeedFile(database, { feed, path: files.write(`f${n++}.csv`, [header, ...lines].join('\n')), now: NOW });
    await ingest('police', POLICE, [5, 12, 20, 31, 40, 52].map((d, i) => `P-${i},${before(d)},concern-for-welfare,${sandra},${MILL_LANE},27 Mill Lane,MB3 4RT,POL-NORTH`));
    await ingest('nhs', NHS, [8, 25, 47, 80].map((d, i) => `A-${i},${before(d)},attended,self-harm,${sandra},,${MILL_LANE},27 Mill Lane,MB3 4RT,ED-SAFE`));
    await ingest('fire', POLICE, [15, 60].map((d, i) => `F-${i},${before(d)},hoarding,${sandra},${MILL_LANE},27 Mill Lane,MB3 4RT,FRS-WEST`));
    await ingest('council-adults', COUNCIL, [`ASC-1,${before(100)},self-neglect,${sandra},,${MILL_LANE},27 Mill Lane,MB3 4RT,ASC-DUTY`]);
    await evaluateAlertRules(database.db, loadAlertRules(), NOW.toISOString().slice(0, 10), NOW);
    app = createApp({ database, now: () => NOW, webRoot: false, dataDir: files.dir, agreement: AGREEMENT, alertListHours: 12 });
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  it('gives an officer the alerts with counts by agency and whom to call, never a name or a category, under a key of the session', async () => {
    const officer = await signedInAs(database, 'police/responder', { username: 'pc-alerts' });
    const body = await list(officer.cookie);
    expect(body.alerts.map((a) => a.rule).sort()).toEqual(['fire-at-open-adult-case', 'many-contacts-address', 'many-contacts-person', 'repeat-police-incidents']);
    const many = body.alerts.find((a) => a.rule === 'many-contacts-address')!;
    expect(many.address).toMatchObject({ uprn: MILL_LANE, postcode: 'MB3 4RT' });
    expect(many.evidence.counts).toEqual([
      { agency: 'police', agencyName: expect.any(String), contacts: 6 },
      { agency: 'nhs', agencyName: expect.any(String), contacts: 4 },
      { agency: 'fire', agencyName: expect.any(String), contacts: 2 },
    ]);
    expect(many.lead.contact.phone).toBe('01632 960004');
    expect(many.canAct).toBe(false);
    // No one's name or date of birth; the evidence names agencies, never a record's category.
    expect(JSON.stringify(body)).not.toMatch(/Sandra|Kelly|1971-03-14/);
    expect(JSON.stringify(body.alerts.map((a) => a.evidence))).not.toMatch(/self-harm|hoarding|self-neglect|concern-for-welfare/);
    expect(Date.parse(body.expiresAt) - Date.parse(body.generatedAt)).toBe(12 * 3600_000);
    // The same key for the whole session, another for another session; 256 bits.
    expect((await list(officer.cookie)).listKey).toBe(body.listKey);
    expect((await list((await signedInAs(database, 'police/responder', { username: 'pc-alerts' })).cookie)).listKey).not.toBe(body.listKey);
    expect(Buffer.from(body.listKey, 'base64url')).toHaveLength(32);
    const [audited] = await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'alert-list' AND user_id = ${officer.userId}`);
    // Every download is audited: three, over the officer's two sessions.
    expect(audited!.n).toBe(3);
  });

  it('keeps from a viewer every alert drawing on an agency the agreement tells them nothing of', async () => {
    const crew = await signedInAs(database, 'fire/responder', { username: 'ff-alerts' });
    const rules = (await list(crew.cookie)).alerts.map((a) => a.rule).sort();
    // Health counts in both "many contacts" alerts; the fire and repeat-police alerts do not draw on it.
    expect(rules).toEqual(['fire-at-open-adult-case', 'repeat-police-incidents']);
  });

  it('shows the open alerts on the address page, and records how many were shown', async () => {
    const officer = await signedInAs(database, 'police/responder', { username: 'pc-page' });
    const res = await get(`/api/addresses/${MILL_LANE}?purpose=attending-incident`, officer.cookie);
    expect(res.status).toBe(200);
    const summary = AddressSummarySchema.parse(await res.json());
    expect(summary.alerts.map((a) => a.rule).sort()).toEqual(['fire-at-open-adult-case', 'many-contacts-address', 'many-contacts-person', 'repeat-police-incidents']);
    const [entry] = await database.query<{ detail: Record<string, string> }>(sql`SELECT detail FROM audit_events WHERE action = 'view-address' AND user_id = ${officer.userId}`);
    expect(entry!.detail.alerts).toBe('4');
  });

  it('lets only the lead agency acknowledge and close, with a reason from the list, each step audited and kept', async () => {
    const [team] = await database.query<{ organisation: string }>(sql`SELECT o.name AS organisation FROM teams t JOIN organisations o ON o.id = t.organisation_id WHERE t.code = 'ASC-DUTY'`);
    const worker = await signedInAs(database, 'council/practitioner', { username: 'asc-alerts', organisation: team!.organisation });
    const officer = await signedInAs(database, 'police/responder', { username: 'pc-acts' });
    const alert = (await list(worker.cookie)).alerts.find((a) => a.rule === 'many-contacts-address')!;
    expect(alert.canAct).toBe(true);

    // Another organisation's staff: as if there were no such alert.
    expect((await post(`/api/alerts/${alert.id}/acknowledge`, officer.cookie)).status).toBe(404);
    expect((await post(`/api/alerts/${alert.id}/close`, officer.cookie, { reason: 'action-taken' })).status).toBe(404);

    const acknowledged = await post(`/api/alerts/${alert.id}/acknowledge`, worker.cookie);
    expect(acknowledged.status).toBe(200);
    expect(AlertSchema.parse(await acknowledged.json())).toMatchObject({ id: alert.id, state: 'acknowledged', acknowledgedAt: expect.any(String) });

    expect((await post(`/api/alerts/${alert.id}/close`, worker.cookie, { reason: 'because I said so' })).status).toBe(400);
    expect((await post(`/api/alerts/${alert.id}/close`, worker.cookie, { reason: 'action-taken' })).status).toBe(204);
    expect((await list(worker.cookie)).alerts.find((a) => a.id === alert.id)).toBeUndefined();
    // Closed is closed: no second closure, no acknowledgement after it.
    expect((await post(`/api/alerts/${alert.id}/close`, worker.cookie, { reason: 'no-further-action' })).status).toBe(404);

    const steps = await database.query<{ event: string; reason: string | null }>(sql`SELECT event, reason FROM alert_events WHERE alert_id = ${Number(alert.id)} ORDER BY id`);
    expect(steps).toEqual([
      { event: 'raised', reason: null },
      { event: 'acknowledged', reason: null },
      { event: 'closed', reason: 'action-taken' },
    ]);
    const audited = await database.query<{ action: string }>(sql`SELECT action FROM audit_events WHERE user_id = ${worker.userId} AND subject_kind = 'alert' ORDER BY id`);
    expect(audited.map((a) => a.action)).toEqual(['alert-acknowledged', 'alert-closed']);
  });

  it("derives a session's list key with the server's secret: the sessions table alone does not give it", () => {
    const session = 'a'.repeat(64);
    expect(alertListKey(new Uint8Array(32).fill(1), session)).not.toBe(alertListKey(new Uint8Array(32).fill(2), session));
    expect(alertListKey(new Uint8Array(32).fill(1), session)).toBe(alertListKey(new Uint8Array(32).fill(1), session));
  });

  it('answers a signed-out request with 401', async () => {
    expect((await app.request('/api/alerts')).status).toBe(401);
  });
});
