// Each default trigger rule on a small hand-made borough: it raises its alert for the subject
// that meets it and for no other, raises nothing new when evaluated again, updates the evidence
// of its open alert when new contacts arrive, and after a closure waits for newer evidence; and
// the equality report over what they raised.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertEquality, evaluateAlertRules, openTestDatabase, sql, type Database } from '@mast/db';
import { formatEqualityReport } from './equality-report.ts';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';
import { alertRulesFromText, loadAlertRules } from './rules-file.ts';

const POLICE = 'incident_id,incident_date,category,given_name,family_name,date_of_birth,sex,uprn,address,postcode,lead_team';
const FIRE = POLICE;
const NHS = 'attendance_id,attendance_date,attendance_type,category,given_name,family_name,date_of_birth,sex,nhs_number,uprn,address,postcode,lead_team';
const COUNCIL = 'case_id,opened_on,category,given_name,family_name,date_of_birth,sex,nhs_number,uprn,address,postcode,lead_team';

const MILL_LANE = '100000000001';
const ACACIA = '100000000002';
const BEECH_FLAT_4 = '100000000014';
const HIGH_STREET_FLAT_2 = '100000000021';

// Evaluated as of 20 November 2026; the rows are dated back from it.
const NOW = new Date('2026-11-20T06:00:00Z');
const AS_OF = '2026-11-20';
const before = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString().slice(0, 10);

const rules = loadAlertRules();

describe(`the trigger rules (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let n = 0;
  const ingest = (feed: 'police' | 'fire' | 'nhs' | 'council-adults' | 'council-children', header: string, lines: string[]) =>
    ingestFeedFile(database, { feed, path: files.write(`f${n++}.csv`, [header, ...lines].join('\n')), now: NOW });
  const evaluate = () => evaluateAlertRules(database.db, rules, AS_OF, NOW);
  const openAlerts = async () =>
    (await database.query<{ rule: string; subject_kind: string; subject_id: string; uprn: string | null; evidence: { counts: Record<string, number>; total: number } }>(
      sql`SELECT rule, subject_kind, subject_id, uprn::text, evidence FROM alerts WHERE state <> 'closed' ORDER BY rule, subject_id`,
    ));
  const personAt = async (family: string) => (await database.query<{ id: string }>(sql`SELECT id::text FROM persons WHERE family_name = ${family}`))[0]!.id;

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    // Mill Lane: Sandra, 12 contacts with police (6 in 8 weeks), NHS (4) and fire (2) in 13 weeks,
    // and an open adult social care case for self-neglect.
    const sandra = (extra: string) => `Sandra,Kelly,1971-03-14,F,${extra}`;
    await ingest('police', POLICE, [5, 12, 20, 31, 40, 52].map((d, i) => `P-${i},${before(d)},concern-for-welfare,${sandra(`${MILL_LANE},27 Mill Lane,MB3 4RT,POL-NORTH`)}`));
    await ingest('nhs', NHS, [8, 25, 47, 80].map((d, i) => `A-${i},${before(d)},attended,alcohol,${sandra(`,${MILL_LANE},27 Mill Lane,MB3 4RT,ED-SAFE`)}`));
    await ingest('fire', FIRE, [`F-0,${before(15)},hoarding,${sandra(`${MILL_LANE},27 Mill Lane,MB3 4RT,FRS-WEST`)}`, `F-1,${before(60)},accidental-dwelling-fire,${sandra(`${MILL_LANE},27 Mill Lane,MB3 4RT,FRS-WEST`)}`]);
    // Beech Court flat 4: three police incidents in 8 weeks and eleven contacts in all: under every threshold.
    await ingest('police', POLICE, [3, 9, 30].map((d, i) => `PB-${i},${before(d)},antisocial-behaviour,,,,,${BEECH_FLAT_4},Flat 4 Beech Court,MB2 3PL,POL-NORTH`));
    await ingest('nhs', NHS, [4, 14, 24, 34, 44, 54].map((d, i) => `AB-${i},${before(d)},attended,injury,Dan,Brooks,1990-05-05,M,,${BEECH_FLAT_4},Flat 4 Beech Court,MB2 3PL,ED-SAFE`));
    await ingest('fire', FIRE, [`FB-0,${before(70)},false-alarm,,,,,${BEECH_FLAT_4},Flat 4 Beech Court,MB2 3PL,FRS-WEST`, `FB-1,${before(71)},false-alarm,,,,,${BEECH_FLAT_4},Flat 4 Beech Court,MB2 3PL,FRS-WEST`]);
    // Council snapshots: Sandra's adults case; Tyler (a child) open to children's social care.
    await ingest('council-adults', COUNCIL, [`ASC-1,${before(100)},self-neglect,${sandra(`,${MILL_LANE},27 Mill Lane,MB3 4RT,ASC-DUTY`)}`]);
    await ingest('council-children', COUNCIL, [`CSC-1,${before(200)},child-protection,Tyler,Hart,2015-06-01,M,,${HIGH_STREET_FLAT_2},Flat 2 10 High Street,MB1 2AB,CSC-MASH`]);
    // A&E: Tyler attended 10 days ago; Mia (a child) was not brought twice; an adult missed two.
    await ingest('nhs', NHS, [
      `AT-1,${before(10)},attended,injury,Tyler,Hart,2015-06-01,M,,${HIGH_STREET_FLAT_2},Flat 2 10 High Street,MB1 2AB,ED-SAFE`,
      `AM-1,${before(30)},did-not-attend,did-not-attend,Mia,Lowe,2019-09-09,F,,${ACACIA},1 Acacia Avenue,MB1 1AA,ED-SAFE`,
      `AM-2,${before(90)},did-not-attend,did-not-attend,Mia,Lowe,2019-09-09,F,,${ACACIA},1 Acacia Avenue,MB1 1AA,ED-SAFE`,
      `AG-1,${before(30)},did-not-attend,did-not-attend,Gary,Lowe,1980-01-01,M,,${ACACIA},1 Acacia Avenue,MB1 1AA,ED-SAFE`,
      `AG-2,${before(60)},did-not-attend,did-not-attend,Gary,Lowe,1980-01-01,M,,${ACACIA},1 Acacia Avenue,MB1 1AA,ED-SAFE`,
    ]);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  it('raises each rule for the subject that meets it, and for no other', async () => {
    const e = await evaluate();
    const sandra = await personAt('Kelly');
    const tyler = await personAt('Hart');
    const mia = (await database.query<{ id: string }>(sql`SELECT id::text FROM persons WHERE given_name = 'Mia'`))[0]!.id;
    const raised = (await openAlerts()).map((a) => `${a.rule} ${a.subject_kind} ${a.subject_id}`);
    expect(raised).toEqual(
      [
        `child-not-brought person ${mia}`,
        `child-open-case-at-ae person ${tyler}`,
        `fire-at-open-adult-case address ${MILL_LANE}`,
        `many-contacts-address address ${MILL_LANE}`,
        `many-contacts-person person ${sandra}`,
        `repeat-police-incidents address ${MILL_LANE}`,
      ].sort(),
    );
    expect(Object.values(e.byRule).reduce((s, r) => s + r.raised, 0)).toBe(6);
    // The evidence is counts by agency, never a category or a name.
    const many = (await openAlerts()).find((a) => a.rule === 'many-contacts-address')!;
    expect(many.evidence).toMatchObject({ counts: { police: 6, nhs: 4, fire: 2 }, total: 12, windowWeeks: 13 });
    expect(JSON.stringify(await openAlerts())).not.toMatch(/Kelly|Sandra|hoarding|alcohol/);
    // A person's alert is placed where they were last recorded.
    expect((await openAlerts()).find((a) => a.rule === 'child-not-brought')!.uprn).toBe(ACACIA);
  });

  it('counts the people alerted by age band and sex beside everyone known, naming no one', async () => {
    const report = await alertEquality(database.db, AS_OF);
    const of = (dimension: string, group: string) => report.find((r) => r.dimension === dimension && r.group === group);
    // Tyler and Mia (children, alerted), Sandra (55, alerted), Gary (46) and Dan (36), not.
    expect(of('age band', '0-17')).toMatchObject({ alerted: 2, population: 2 });
    expect(of('age band', '45-64')).toMatchObject({ alerted: 1, population: 2 });
    expect(of('age band', '25-44')).toMatchObject({ alerted: 0, population: 1 });
    expect(of('sex', 'female')).toMatchObject({ alerted: 2, population: 2 });
    expect(of('sex', 'male')).toMatchObject({ alerted: 1, population: 3 });
    expect(of('area', 'MB3')).toMatchObject({ alerted: 1 });
    const text = formatEqualityReport(report, AS_OF);
    expect(text).toContain('mast holds no census');
    // Counts under 5 are not printed as such.
    expect(text).toMatch(/0-17\s+<5/);
    expect(text).not.toMatch(/Kelly|Hart|Lowe|Brooks/);
  });

  it('raises nothing new when evaluated again with nothing new', async () => {
    const e = await evaluate();
    for (const r of Object.values(e.byRule)) expect(r).toMatchObject({ raised: 0, updated: 0 });
    expect(await openAlerts()).toHaveLength(6);
  });

  it('updates the open alert when new evidence arrives, with one history step, never a second alert', async () => {
    await ingest('police', POLICE, [`P-NEW,${before(1)},domestic-abuse,Sandra,Kelly,1971-03-14,F,${MILL_LANE},27 Mill Lane,MB3 4RT,POL-NORTH`]);
    const e = await evaluate();
    expect(e.byRule['repeat-police-incidents']).toMatchObject({ raised: 0, updated: 1 });
    expect(e.byRule['many-contacts-address']).toMatchObject({ raised: 0, updated: 1 });
    const alerts = await openAlerts();
    expect(alerts).toHaveLength(6);
    expect(alerts.find((a) => a.rule === 'repeat-police-incidents')!.evidence.counts).toEqual({ police: 7 });
    const [steps] = await database.query<{ raised: number; updated: number }>(
      sql`SELECT count(*) FILTER (WHERE event = 'raised')::int AS raised, count(*) FILTER (WHERE event = 'updated')::int AS updated
          FROM alert_events e JOIN alerts a ON a.id = e.alert_id WHERE a.rule = 'repeat-police-incidents'`,
    );
    expect(steps).toEqual({ raised: 1, updated: 1 });
  });

  it('after a closure, raises the rule again only on contacts newer than those it was closed on', async () => {
    await database.query(sql`UPDATE alerts SET state = 'closed', closed_at = ${NOW.toISOString()}::timestamptz, closed_reason = 'action-taken'
                             WHERE rule = 'repeat-police-incidents'`);
    expect((await evaluate()).byRule['repeat-police-incidents']).toMatchObject({ matching: 1, raised: 0 });
    await ingest('police', POLICE, [`P-NEWER,${AS_OF},violence,,,,,${MILL_LANE},27 Mill Lane,MB3 4RT,POL-NORTH`]);
    expect((await evaluate()).byRule['repeat-police-incidents']).toMatchObject({ raised: 1 });
    const [count] = await database.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM alerts WHERE rule = 'repeat-police-incidents'`);
    expect(count!.n).toBe(2);
  });
});

describe('the rules file is checked before it is used', () => {
  it('compiles the shipped rules, each explained, with a version that changes with the text', () => {
    const text = `version: "t1"\nrules:\n  rr:\n    kind: repeat-incidents\n    subject: address\n    title: T\n    explain: E\n    window-weeks: 4\n    feed: police\n    min-incidents: 3\n`;
    expect(alertRulesFromText(text).version).not.toBe(alertRulesFromText(text.replace('min-incidents: 3', 'min-incidents: 4')).version);
    expect(rules.rules.length).toBeGreaterThanOrEqual(5);
    for (const r of rules.rules) expect(r.explain.length).toBeGreaterThan(20);
  });

  it('refuses a file naming every problem: an unknown kind, a category no feed has, a threshold of zero', () => {
    const text = `version: "t1"
rules:
  aa:
    kind: guess
    subject: address
    title: T
    explain: E
    window-weeks: 4
  bb:
    kind: fire-at-open-case
    subject: address
    title: T
    explain: E
    window-weeks: 4
    fire-categories: [arson]
    case-categories: [self-neglect]
`;
    expect(() => alertRulesFromText(text, 'rules.yaml')).toThrow(/rules\.aa/);
    expect(() => alertRulesFromText(text.replace(/  aa:[\s\S]*?  bb:/, '  bb:'), 'rules.yaml')).toThrow(/fire has no category "arson"/);
    expect(() => alertRulesFromText(text.replace(/  bb:[\s\S]*$/, '').replace('kind: guess', 'kind: repeat-incidents\n    feed: police\n    min-incidents: 0'))).toThrow(/min-incidents/);
  });
});
