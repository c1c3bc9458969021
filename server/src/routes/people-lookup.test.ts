// Finding a person and reading their page through the API, under the sharing agreement mast ships:
// a social worker finds a person from a nickname, a misspelt family name and a date of birth with
// day and month swapped; who may search, and by NHS number, is the agreement's to say; people the
// agreement tells the viewer nothing of, or known only at a refuge the viewer may not find, are not
// found; every search and view is audited without what was typed, and the lead team is told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersonPageSchema, PersonSearchResponseSchema } from '@mast/shared';
import { evaluateAlertRules, openTestDatabase, searchAuditEntries, sql, subjectAccessLookups, type Database } from '@mast/db';
import { createApp } from '../app.ts';
import { loadAgreement } from '../access/agreement.ts';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { loadAlertRules } from '../alerts/rules-file.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';
import { NOW, signedInAs } from '../test/agreement-borough.ts';

const POLICE = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team,sensitive_address';
const NHS = 'attendance_id,attendance_date,attendance_type,category,given_name,family_name,date_of_birth,sex,nhs_number,uprn,address,postcode,lead_team';
const COUNCIL = 'case_id,opened_on,category,given_name,family_name,date_of_birth,sex,nhs_number,uprn,address,postcode,lead_team';
const MILL_LANE = '27 Mill Lane,MB3 4RT';
const before = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString().slice(0, 10);
const ROBERT = 'Robert,Whitfield,1984-03-07,M';
const ROBERT_NHS = '9434765919';

describe(`finding a person (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let app: ReturnType<typeof createApp>;
  let robertId: string;
  const search = (cookie: string, body: Record<string, unknown>) =>
    app.request('/api/people/search', { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify(body) });
  const found = async (cookie: string, body: Record<string, unknown>) => {
    const res = await search(cookie, body);
    expect(res.status).toBe(200);
    return PersonSearchResponseSchema.parse(await res.json()).results;
  };
  const page = (cookie: string, id: string, query = '?purpose=home-visit') => app.request(`/api/people/${id}${query}`, { headers: { cookie } });

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    let n = 0;
    const ingest = async (feed: 'police' | 'nhs' | 'fire' | 'council-adults', header: string, lines: string[]) => {
      const report = await ingestFeedFile(database, { feed, path: files.write(`f${n++}.csv`, [header, ...lines].join('\n')), now: NOW });
      if (report.rejected > 0) throw new Error(`${feed}: fixture rows rejected`);
    };
    await ingest('police', POLICE, [
      ...[5, 10, 15, 20, 25].map((d, i) => `P-${i},${before(d)},concern-for-welfare,${ROBERT},100000000001,${MILL_LANE},POL-NORTH,`),
      // His twin sister, at the same house.
      `P-10,${before(40)},concern-for-welfare,Roberta,Whitfield,1984-03-07,F,100000000001,${MILL_LANE},POL-NORTH,`,
      // Known only for antisocial behaviour, which the agreement keeps from social workers.
      `P-20,${before(30)},antisocial-behaviour,John,Smith,1990-01-01,M,100000000020,10 High Street,MB1 2AB,POL-NORTH,`,
      // Twelve women of one common name, born in twelve different years, in twelve other places.
      ...Array.from({ length: 12 }, (_, i) => `P-${40 + i},${before(60 + i)},concern-for-welfare,Sarah,Jones,${1950 + 4 * i}-06-15,F,,${i + 1} Elsewhere Road,MB${i + 1} 9ZZ,POL-NORTH,`),
      // Known only at a refuge.
      `P-30,${before(50)},domestic-abuse,Priya,Shah,1979-05-02,F,100000000014,"Flat 4, Beech Court, 5 Station Road",MB2 3PL,POL-NORTH,Y`,
    ]);
    await ingest('nhs', NHS, [8, 30].map((d, i) => `A-${i},${before(d)},attended,self-harm,${ROBERT},${ROBERT_NHS},100000000001,${MILL_LANE},ED-SAFE`));
    await ingest('fire', POLICE, [`F-1,${before(12)},hoarding,${ROBERT},100000000001,${MILL_LANE},FRS-WEST,`]);
    await ingest('council-adults', COUNCIL, [`ASC-1,${before(100)},mental-health,${ROBERT},${ROBERT_NHS},100000000001,${MILL_LANE},ASC-DUTY`]);
    await evaluateAlertRules(database.db, loadAlertRules(), NOW.toISOString().slice(0, 10), NOW);
    const [robert] = await database.query<{ id: string }>(sql`SELECT id::text FROM persons WHERE given_name = 'Robert'`);
    robertId = robert!.id;
    app = createApp({ database, now: () => NOW, webRoot: false, dataDir: files.dir, agreement: loadAgreement() });
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  it('finds a person from a nickname, a misspelt family name and a date of birth with day and month swapped, saying why', async () => {
    const social = await signedInAs(database, 'council/practitioner');
    const results = await found(social.cookie, { givenName: 'Bob', familyName: 'Whitfeild', dateOfBirth: '1984-07-03', purpose: 'home-visit' });
    expect(results[0]).toMatchObject({ personId: robertId, name: 'Robert Whitfield', dateOfBirth: '1984-03-07', strength: 'strong', knownAt: [{ label: expect.stringContaining('27 Mill Lane') }] });
    expect(results[0]!.why).toEqual(expect.arrayContaining(['given name is a nickname or short form', 'date of birth matches with day and month swapped']));
    // His twin sister is not the answer above him.
    expect(results.findIndex((r) => r.name === 'Roberta Whitfield')).not.toBe(0);
  });

  it('finds a person with no date of birth given, and with given and family names the wrong way round', async () => {
    const social = await signedInAs(database, 'council/practitioner');
    const byName = await found(social.cookie, { givenName: 'Robert', familyName: 'Whitfield', purpose: 'home-visit' });
    expect(byName[0]).toMatchObject({ personId: robertId, strength: 'likely' });
    expect(byName[0]!.why).toContain('no date of birth given to compare');
    const swapped = await found(social.cookie, { givenName: 'Whitfield', familyName: 'Robert', dateOfBirth: '1984-03-07', purpose: 'home-visit' });
    expect(swapped[0]).toMatchObject({ personId: robertId, strength: 'strong' });
    expect(swapped[0]!.why).toContain('given and family names recorded the other way round');
  });

  it('shows ten of a common name searched without a date of birth and says there are more; the date of birth finds the one', async () => {
    const social = await signedInAs(database, 'council/practitioner');
    const res = await search(social.cookie, { givenName: 'Sarah', familyName: 'Jones', purpose: 'home-visit' });
    const body = PersonSearchResponseSchema.parse(await res.json());
    expect(body.results).toHaveLength(10);
    expect(body.more).toBe(true);
    const one = await found(social.cookie, { givenName: 'Sara', familyName: 'Jones', dateOfBirth: '1978-06-15', purpose: 'home-visit' });
    expect(one[0]).toMatchObject({ name: 'Sarah Jones', dateOfBirth: '1978-06-15', strength: 'strong' });
    expect(one.filter((r) => r.strength === 'strong')).toHaveLength(1);
  });

  it('does not find someone whose date of birth and names both disagree', async () => {
    const social = await signedInAs(database, 'council/practitioner');
    expect(await found(social.cookie, { givenName: 'Margaret', familyName: 'Oyelaran', dateOfBirth: '1984-03-07', purpose: 'home-visit' })).toEqual([]);
  });

  it('searches by NHS number only for roles the agreement lets, and refuses a number that fails its check digit', async () => {
    const social = await signedInAs(database, 'council/practitioner');
    const byNumber = await found(social.cookie, { nhsNumber: '943 476 5919', purpose: 'home-visit' });
    expect(byNumber[0]).toMatchObject({ personId: robertId, strength: 'strong', why: expect.arrayContaining(['NHS number matches']) });
    const bad = await search(social.cookie, { nhsNumber: '9434765918', purpose: 'home-visit' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'bad_request', message: expect.stringContaining('check digit') } });
    const ppo = await signedInAs(database, 'police/practitioner');
    const refused = await search(ppo.cookie, { nhsNumber: ROBERT_NHS, purpose: 'mash-enquiry', reference: 'REF-1' });
    expect(refused.status).toBe(403);
  });

  it('lets only the roles the agreement names search, with a purpose and enough to search by', async () => {
    const officer = await signedInAs(database, 'police/responder');
    expect((await search(officer.cookie, { givenName: 'Robert', familyName: 'Whitfield', dateOfBirth: '1984-03-07', purpose: 'welfare-check' })).status).toBe(403);
    const social = await signedInAs(database, 'council/practitioner');
    const noPurpose = await search(social.cookie, { givenName: 'Robert', familyName: 'Whitfield', dateOfBirth: '1984-03-07' });
    expect(noPurpose.status).toBe(400);
    const otherPurpose = await search(social.cookie, { givenName: 'Robert', familyName: 'Whitfield', dateOfBirth: '1984-03-07', purpose: 'attending-incident' });
    expect(await otherPurpose.json()).toMatchObject({ error: { code: 'purpose-required' } });
    const tooLittle = await search(social.cookie, { givenName: 'Robert', purpose: 'home-visit' });
    expect(tooLittle.status).toBe(400);
    const notADate = await search(social.cookie, { givenName: 'Robert', familyName: 'Whitfield', dateOfBirth: '1984-02-31', purpose: 'home-visit' });
    expect(notADate.status).toBe(400);
    // Nothing typed comes back in an error.
    expect(JSON.stringify(await notADate.json())).not.toContain('Whitfield');
  });

  it('does not find people the agreement tells the viewer nothing of, nor people known only at a refuge the viewer may not find', async () => {
    const social = await signedInAs(database, 'council/practitioner');
    expect(await found(social.cookie, { givenName: 'John', familyName: 'Smith', dateOfBirth: '1990-01-01', purpose: 'home-visit' })).toEqual([]);
    const ppo = await signedInAs(database, 'police/practitioner');
    expect((await found(ppo.cookie, { givenName: 'John', familyName: 'Smith', dateOfBirth: '1990-01-01', purpose: 'mash-enquiry', reference: 'REF-1' }))[0]?.name).toBe('John Smith');
    const nurse = await signedInAs(database, 'nhs/practitioner');
    expect(await found(nurse.cookie, { givenName: 'Priya', familyName: 'Shah', dateOfBirth: '1979-05-02', purpose: 'home-visit' })).toEqual([]);
    const atRefuge = await found(social.cookie, { givenName: 'Priya', familyName: 'Shah', dateOfBirth: '1979-05-02', purpose: 'home-visit' });
    expect(atRefuge[0]?.knownAt.map((k) => k.label)).toEqual([expect.stringContaining('Flat 4')]);
  });

  it('audits every search with the people it showed, by id, never what was typed', async () => {
    const social = await signedInAs(database, 'council/practitioner', { username: 'sw-audit' });
    await found(social.cookie, { givenName: 'Bob', familyName: 'Whitfeild', dateOfBirth: '1984-07-03', purpose: 'home-visit', reference: 'CASE-9' });
    const [entry] = await database.query<{ purpose: string; reference: string; detail: Record<string, unknown>; subject_kind: string }>(
      sql`SELECT purpose, reference, detail, subject_kind FROM audit_events WHERE user_id = ${social.userId} AND action = 'person-search' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({ purpose: 'home-visit', reference: 'CASE-9', subject_kind: 'person-search', detail: { by: 'name', dateOfBirthGiven: true, personIds: expect.arrayContaining([robertId]) } });
    expect(JSON.stringify(entry)).not.toMatch(/whit|bob|1984/i);
    // The information governance officer's search by person, and the subject access report, find it.
    const trail = await searchAuditEntries(database.db, { personId: Number(robertId), limit: 200 });
    expect(trail.some((e) => e.action === 'person-search' && e.user_id === social.userId)).toBe(true);
    const access = await subjectAccessLookups(database.db, Number(robertId));
    expect(access.lookups.some((l) => l.looked === 'person' && l.purpose === 'home-visit')).toBe(true);
  });

  it("shows a person's page as the matrix allows, with their alerts, audited, and tells the lead team of another organisation", async () => {
    const social = await signedInAs(database, 'council/practitioner');
    const full = PersonPageSchema.parse(await (await page(social.cookie, robertId)).json());
    expect(full.person).toMatchObject({ name: 'Robert Whitfield', dateOfBirth: '1984-03-07' });
    const line = (p: typeof full, agency: string) => p.agencies.find((a) => a.agency === agency)!;
    expect(line(full, 'nhs')).toMatchObject({ involved: true, detail: 'full', categories: [{ code: 'self-harm', label: expect.any(String) }], contacts12m: 2 });
    expect(line(full, 'council-adults')).toMatchObject({ involved: true, openCase: true, contact: { phone: '01632 960004' } });
    expect(line(full, 'council-children')).toMatchObject({ involved: false });
    expect(full.knownAt).toEqual([expect.objectContaining({ label: expect.stringContaining('27 Mill Lane'), lastContact: full.agencies.find((a) => a.agency === 'police')!.lastContact })]);
    expect([...full.knownAt[0]!.agencies].sort()).toEqual(['council-adults', 'fire', 'nhs', 'police']);
    expect(full.alerts.map((a) => a.rule)).toContain('many-contacts-person');

    const officer = await signedInAs(database, 'police/responder', { username: 'pc-person' });
    const res = await page(officer.cookie, robertId, '?purpose=welfare-check');
    expect(res.status).toBe(200);
    const flagged = PersonPageSchema.parse(await res.json());
    expect(line(flagged, 'nhs')).toMatchObject({ involved: true, detail: 'flag', categories: [] });
    expect(line(flagged, 'council-adults')).toMatchObject({ involved: true, detail: 'flag', categories: [] });
    expect(line(flagged, 'police')).toMatchObject({ detail: 'full', categories: [{ code: 'concern-for-welfare', label: expect.any(String) }] });

    const [view] = await database.query<{ subject_kind: string; subject_id: string; purpose: string; detail: Record<string, string> }>(
      sql`SELECT subject_kind, subject_id, purpose, detail FROM audit_events WHERE user_id = ${officer.userId} AND action = 'view-person'`,
    );
    expect(view).toMatchObject({ subject_kind: 'person', subject_id: robertId, purpose: 'welfare-check', detail: { nhs: 'flag', police: 'full' } });
    const told = await database.query<{ subject_kind: string; person_id: string }>(
      sql`SELECT subject_kind, person_id::text FROM lead_notifications WHERE viewer_user_id = ${officer.userId}`,
    );
    expect(told).toEqual([{ subject_kind: 'person', person_id: robertId }]);
  });

  it("answers a person's page without a purpose with purpose-required, and one the viewer may know nothing of as not found", async () => {
    const social = await signedInAs(database, 'council/practitioner');
    const none = await page(social.cookie, robertId, '');
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({ error: { code: 'purpose-required' } });
    const [john] = await database.query<{ id: string }>(sql`SELECT id::text FROM persons WHERE given_name = 'John'`);
    expect((await page(social.cookie, john!.id)).status).toBe(404);
    expect((await page(social.cookie, '999999')).status).toBe(404);
    const [attempt] = await database.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE user_id = ${social.userId} AND action = 'view-person-nothing-shared' AND subject_id = ${john!.id}`,
    );
    expect(attempt!.n).toBe(1);
  });
});
