import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateAlertRules, openTestDatabase, sql, type Database } from '@mast/db';
import { loadAlertRules } from '../alerts/rules-file.ts';
import { loadDemoBorough, type DemoLoadResult } from './demo-borough.ts';
import { getFullAddressSummary } from '../lookup/address-summary.ts';
import { CASE_STUDY_UPRN, QUIET_HOUSE_UPRN } from '../demo/fixtures.ts';
import { backendName } from '../test/small-borough.ts';

describe(`the demo borough, loaded through the feed pipeline (${backendName()})`, () => {
  let database: Database;
  let workDir: string;
  let loaded: DemoLoadResult;
  beforeAll(async () => {
    database = await openTestDatabase();
    workDir = mkdtempSync(join(tmpdir(), 'mast-demo-test-'));
    loaded = await loadDemoBorough(database, { workDir, scale: 0.02, seed: 1 });
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
});
