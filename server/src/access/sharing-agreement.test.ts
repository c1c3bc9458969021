// Every cell of the sharing agreement against the API: for each kind of viewer it names, and each
// category of each partner's records, the address summary shows that category in full, as a flag
// or not at all, exactly as the agreement says; kinds of viewer it does not name look nothing up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressSummarySchema, ORGANISATION_KINDS, ROLES, levelFor, reportTopicsFor, viewerKey, type AddressSummary } from '@mast/shared';
import { openTestDatabase, sql, type Database } from '@mast/db';
import { createApp } from '../app.ts';
import { agreementFromText, loadAgreement } from './agreement.ts';
import { backendName, tempFiles, type TempFiles } from '../test/small-borough.ts';
import { NOW, loadAgreementBorough, signedInAs, type Cell } from '../test/agreement-borough.ts';

const agreement = loadAgreement();

describe(`the sharing agreement, cell by cell, through the API (${backendName()})`, () => {
  let database: Database;
  let files: TempFiles;
  let cells: Cell[];
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    cells = await loadAgreementBorough(database, files);
    app = createApp({ database, now: () => NOW, webRoot: false, agreement });
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    files?.remove();
  });

  const summaryAs = async (cookie: string, uprn: number, purpose: string) => {
    const res = await app.request(`/api/addresses/${uprn}?purpose=${purpose}&reference=T-1`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return AddressSummarySchema.parse(await res.json());
  };

  for (const [key, rules] of agreement.viewers) {
    it(`${key}: every category of every agency at the agreed level`, async () => {
      const { cookie } = await signedInAs(database, key);
      const purpose = rules.purposes[0]!.code;
      let checked = 0;
      for (const cell of cells) {
        const level = levelFor(rules, cell.feed, cell.category);
        const summary: AddressSummary = await summaryAs(cookie, cell.uprn, purpose);
        const line = summary.agencies.find((a) => a.agency === cell.feed)!;
        const person = summary.people.find((p) => p.name === `${cell.name} Testperson`);
        const where = `${key} ${cell.feed}/${cell.category}`;
        if (level === 'full') {
          expect(line, where).toMatchObject({ involved: true, detail: 'full', contacts12m: 1 });
          expect(line.categories.map((c) => c.code), where).toEqual([cell.category]);
          expect(person?.agencies.find((a) => a.agency === cell.feed)?.categories.map((c) => c.code), where).toEqual([cell.category]);
        } else if (level === 'flag') {
          expect(line, where).toMatchObject({ involved: true, detail: 'flag', contacts12m: 1, categories: [], lastContact: '2026-11-01' });
          expect(line.contact?.team, where).toBeTruthy();
          expect(person?.agencies.find((a) => a.agency === cell.feed), where).toMatchObject({ detail: 'flag', categories: [], contacts12m: 1 });
        } else {
          // Hidden: nothing of it, and the line never says "not known" as if nothing were recorded.
          expect(line, where).toMatchObject({ involved: false, categories: [], contacts12m: 0, lastContact: null, contact: null });
          expect(line.shared, where).not.toBe('all');
          expect(person, where).toBeUndefined();
          expect(JSON.stringify(summary), where).not.toContain(cell.name);
        }
        // Other agencies hold nothing at this cell's address: their lines say so plainly.
        for (const other of summary.agencies.filter((a) => a.agency !== cell.feed)) expect(other.involved, where).toBe(false);
        checked++;
      }
      expect(checked).toBe(cells.length);
      // Each view was audited with the purpose and the agreement's version.
      const [audit] = await database.query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM audit_events a JOIN users u ON u.id = a.user_id
            WHERE u.username = ${`user-${key.replace('/', '-')}`} AND a.action = 'view-address' AND a.purpose = ${purpose} AND a.matrix_version = ${agreement.version}`,
      );
      expect(audit!.n).toBe(cells.length);
      // Each entry recorded the level the viewer was shown that cell at (the lookup's statement
      // works it out from the rules as the answer is shaped; here it is read back against the agreement).
      const recorded = await database.query<{ uprn: string; detail: Record<string, string> }>(
        sql`SELECT a.uprn::text, a.detail FROM audit_events a JOIN users u ON u.id = a.user_id
            WHERE u.username = ${`user-${key.replace('/', '-')}`} AND a.action = 'view-address'`,
      );
      const byUprn = new Map(recorded.map((r) => [Number(r.uprn), r.detail]));
      for (const cell of cells) {
        const level = levelFor(rules, cell.feed, cell.category);
        const sharesNothing = Object.values(rules.levels[cell.feed]).every((l) => l === 'hidden');
        const expected = level !== 'hidden' ? level : sharesNothing ? 'not-shared' : 'none';
        expect(byUprn.get(cell.uprn), `${key} ${cell.feed}/${cell.category}`).toMatchObject({ [cell.feed]: expected, people: level === 'hidden' ? '0' : '1' });
      }
    }, 60_000);
  }

  it('refuses every summary and search to a kind of viewer the agreement does not name', async () => {
    const unnamed = ORGANISATION_KINDS.flatMap((kind) => ROLES.map((role) => viewerKey(kind, role))).filter((k) => !agreement.viewers.has(k));
    expect(unnamed).toContain('council/analyst');
    expect(unnamed).toContain('council/ig-officer');
    expect(unnamed).toContain('council/admin');
    for (const key of unnamed) {
      const { cookie } = await signedInAs(database, key);
      for (const path of [`/api/addresses/${cells[0]!.uprn}?purpose=home-visit`, '/api/addresses?q=agreement']) {
        const res = await app.request(path, { headers: { cookie } });
        expect(res.status, `${key} ${path}`).toBe(403);
      }
      const purposes = (await (await app.request('/api/purposes', { headers: { cookie } })).json()) as { purposes: unknown[] };
      expect(purposes.purposes, key).toEqual([]);
    }
  });

  it('says, for an agency with categories kept from the viewer, that not everything is shared', async () => {
    // A social worker is not shown antisocial behaviour: at an address with only that, the police
    // line is "nothing shared with you", not "not known".
    const { cookie } = await signedInAs(database, 'council/practitioner');
    const asb = cells.find((c) => c.feed === 'police' && c.category === 'antisocial-behaviour')!;
    const line = (await summaryAs(cookie, asb.uprn, 'home-visit')).agencies.find((a) => a.agency === 'police')!;
    expect(line).toMatchObject({ involved: false, shared: 'some' });
    expect(line.notShared.map((c) => c.label)).toEqual(['Antisocial behaviour', 'Burglary']);
    // The police officer is shown all of the police's own records.
    const officer = await signedInAs(database, 'police/responder');
    const own = (await summaryAs(officer.cookie, asb.uprn, 'welfare-check')).agencies.find((a) => a.agency === 'police')!;
    expect(own).toMatchObject({ involved: true, shared: 'all', detail: 'full' });
  });
});

describe('the agreement file is checked before it is used', () => {
  const valid = `version: "1"
purposes:
  look: { label: Look, reference: none }
viewers:
  police/responder:
    purposes: [look]
    sees: { police: full, fire: flag, nhs: hidden, council-adults: { default: flag, full: [self-neglect] }, council-children: flag }
`;

  it('compiles a valid file, with a version that changes with its text', () => {
    const a = agreementFromText(valid);
    expect(a.version).toMatch(/^1#[0-9a-f]{12}$/);
    expect(agreementFromText(`${valid}\n`).version).not.toBe(a.version);
    const rules = a.viewers.get('police/responder')!;
    expect(levelFor(rules, 'council-adults', 'self-neglect')).toBe('full');
    expect(levelFor(rules, 'council-adults', 'mental-health')).toBe('flag');
    expect(levelFor(rules, 'nhs', 'self-harm')).toBe('hidden');
  });

  it.each([
    ['an agency left out', valid.replace('council-children: flag ', '')],
    ['an unknown category', valid.replace('full: [self-neglect]', 'full: [self-negelct]')],
    ['an unknown purpose', valid.replace('purposes: [look]', 'purposes: [peek]')],
    ['an unknown role', valid.replace('police/responder', 'police/constable')],
    ['a level that is none of the three', valid.replace('fire: flag', 'fire: some')],
    ['a like that names no viewer', `${valid}  fire/responder:\n    like: fire/nobody\n`],
    ['a category given two levels', valid.replace('full: [self-neglect]', 'full: [self-neglect], hidden: [self-neglect]')],
    ['not YAML at all', 'version: [unclosed'],
    ['a report topic that does not exist', `${valid}reports:\n  analyst: [demand, gossip]\n`],
    ['reports for a role that does not exist', `${valid}reports:\n  statistician: [demand]\n`],
  ])('refuses %s, naming the problem', (_what, text) => {
    expect(() => agreementFromText(text, 'access.yaml')).toThrowError(/access\.yaml cannot be used/);
  });

  it('gives the trend reports to the roles it names, and none to a role it does not', () => {
    const a = agreementFromText(`${valid}reports:\n  analyst: [impact, demand]\n  data-steward: [partners]\n`);
    expect(reportTopicsFor(a, 'analyst')).toEqual(['demand', 'impact']);
    expect(reportTopicsFor(a, 'data-steward')).toEqual(['partners']);
    expect(reportTopicsFor(a, 'responder')).toEqual([]);
    expect(reportTopicsFor(agreementFromText(valid), 'analyst')).toEqual([]);
    // As shipped: analysts and supervisors read every topic, front-line roles none.
    expect(reportTopicsFor(agreement, 'analyst')).toEqual(['demand', 'partners', 'alerts', 'use', 'impact']);
    expect(reportTopicsFor(agreement, 'ig-officer')).toEqual(['partners', 'alerts', 'use']);
    for (const role of ['responder', 'practitioner', 'admin']) expect(reportTopicsFor(agreement, role)).toEqual([]);
  });

  it('the shipped agreement names every agency for every viewer, and a purpose for each', () => {
    for (const rules of agreement.viewers.values()) {
      expect(rules.purposes.length).toBeGreaterThan(0);
      expect(Object.keys(rules.levels).sort()).toEqual(['council-adults', 'council-children', 'fire', 'nhs', 'police']);
    }
    // The issue's own example: a police responder is told health is involved, never that it was self-harm.
    const police = agreement.viewers.get('police/responder')!;
    for (const category of ['self-harm', 'overdose', 'alcohol']) expect(levelFor(police, 'nhs', category)).toBe('flag');
  });
});
