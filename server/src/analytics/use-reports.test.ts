// The use topic on a small borough, read as the mast_reports role: lookups (and only lookups) by
// organisation, role and purpose; lead teams told of a look; break-glass uses and their findings,
// over no more than the 12 months those records are kept; small counts withheld.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '@mast/shared';
import { readAsReports, recordAudit, refreshReportCounts, sql, type Database } from '@mast/db';
import { signedInAs } from '../test/agreement-borough.ts';
import { backendName, withSmallBorough } from '../test/small-borough.ts';
import { useReports } from './use-reports.ts';
import { addMonths, monthName, reportWindow } from './report-window.ts';

const MILL_LANE = 100000000001;
const NOW = new Date();
/** The audit trail is dated by the clock, so the lookups fall in this month. */
const THIS = NOW.toISOString().slice(0, 7);
const LAST = addMonths(THIS, -1);
const PERIOD = `from ${monthName(LAST)} to ${monthName(THIS)}`;

const report = (reports: Report[], id: string) => reports.find((r) => r.id === id)!;
const row = (r: Report, label: string) => r.rows.find((x) => x[0] === label)!;
const cellOf = (r: Report, x: (string | number | null)[] | undefined, label: string) => x?.[r.columns.findIndex((c) => c.label === label)];

describe(`the use reports (${backendName()})`, () => {
  const borough = withSmallBorough();
  let database: Database;
  let reports: Report[];
  const users: Record<string, { id: number; organisationId: number; role: string }> = {};

  beforeAll(async () => {
    database = borough.database;
    for (const viewer of ['police/responder', 'nhs/practitioner', 'council/practitioner', 'council/analyst', 'police/supervisor']) {
      const { userId } = await signedInAs(database, viewer);
      const [u] = await database.query<{ organisation_id: number; role: string }>(sql`SELECT organisation_id, role FROM users WHERE id = ${userId}`);
      users[viewer] = { id: userId, organisationId: u!.organisation_id, role: u!.role };
    }
    // Lookups: police 8 (one of them with break-glass), NHS 6, council 3. The break-glass grant
    // and report reads are not lookups.
    const entries: [string, string, string, number][] = [
      ['police/responder', 'view-address', 'attending-incident', 7],
      ['police/responder', 'view-address-break-glass', 'welfare-check', 1],
      ['police/responder', 'break-glass', 'welfare-check', 1],
      ['nhs/practitioner', 'person-search', 'home-visit', 6],
      ['council/practitioner', 'view-person', 'mash-enquiry', 3],
      ['council/analyst', 'read-report', 'mash-enquiry', 5],
    ];
    for (const [viewer, action, purpose, n] of entries) {
      const u = users[viewer]!;
      for (let i = 0; i < n; i++) await recordAudit(database.db, { userId: u.id, organisationId: u.organisationId, role: u.role, action, purpose, uprn: MILL_LANE });
    }
    // Lead teams told: the police team of 5 council looks, children's social care of 6 police and 2 NHS looks.
    const teams = Object.fromEntries(
      (await database.query<{ id: number; code: string }>(sql`SELECT id, code FROM teams`)).map((t) => [t.code, t.id]),
    ) as Record<string, number>;
    const told: [string, string, number][] = [
      ['POL-NORTH', 'council/practitioner', 5],
      ['CSC-MASH', 'police/responder', 6],
      ['CSC-MASH', 'nhs/practitioner', 2],
    ];
    for (const [team, viewer, n] of told) {
      const u = users[viewer]!;
      for (let i = 0; i < n; i++)
        await database.query(sql`INSERT INTO lead_notifications (team_id, uprn, viewer_user_id, viewer_organisation_id, viewer_role, purpose, at)
                                 VALUES (${teams[team]!}, ${MILL_LANE}, ${u.id}, ${u.organisationId}, ${u.role}, 'welfare-check', ${NOW.toISOString()}::timestamptz)`);
    }
    // Break-glass: the police 5 found justified and 1 awaiting review; the council 1 not justified.
    const glass: [string, 'justified' | 'not-justified' | null, number][] = [
      ['police/responder', 'justified', 5],
      ['police/responder', null, 1],
      ['council/practitioner', 'not-justified', 1],
    ];
    const reviewer = users['police/supervisor']!.id;
    for (const [viewer, outcome, n] of glass) {
      const u = users[viewer]!;
      for (let i = 0; i < n; i++)
        await database.query(sql`INSERT INTO break_glass (user_id, organisation_id, uprn, reason, purpose, granted_at, expires_at, reviewed_by, reviewed_at, outcome)
                                 VALUES (${u.id}, ${u.organisationId}, ${MILL_LANE}, 'a reason of ten letters', 'welfare-check', ${NOW.toISOString()}::timestamptz,
                                         ${NOW.toISOString()}::timestamptz + interval '15 minutes', ${outcome && reviewer}, ${outcome && NOW.toISOString()}::timestamptz, ${outcome})`);
    }
    await refreshReportCounts(database.db, NOW);
    reports = await readAsReports(database, (tx) => useReports(tx, reportWindow(NOW, 2, THIS)));
  });

  it('leads with lookups by organisation, every row as wide as its columns', () => {
    expect(reports.map((r) => r.id)).toEqual([
      'lookups-by-organisation',
      'lookups-by-role',
      'lookups-by-purpose',
      'lead-notifications-by-month',
      'lead-notifications-by-viewer',
      'break-glass-by-month',
      'break-glass-by-organisation',
    ]);
    for (const r of reports) for (const x of [...r.rows, ...(r.total ? [r.total] : [])]) expect(x, r.id).toHaveLength(r.columns.length);
  });

  it('counts lookups by organisation, withholding the council’s 3 and the NHS’s 6 that would give it away', () => {
    const r = report(reports, 'lookups-by-organisation');
    expect(r.columns.map((c) => c.label)).toEqual(['Month', 'Test police', 'Test nhs', 'Test council', 'Total']);
    expect(row(r, LAST)).toEqual([LAST, 0, 0, 0, 0]);
    expect(row(r, THIS)).toEqual([THIS, 8, '[c]', '<5', 17]);
    expect(r.total).toEqual(['Total', 8, '[c]', '<5', 17]);
    expect(r.suppressed).toBe(true);
    expect(r.caption).toBe(`Staff of the partners made 17 lookups ${PERIOD}. Test police made the most (8, 47%).`);
    expect(r.notes.join(' ')).toMatch(/view of an address \(with or without break-glass\), a view of a person’s page or a search for a person/);
  });

  it('counts lookups by role and by purpose, with the agreement’s labels', () => {
    const role = report(reports, 'lookups-by-role');
    expect(row(role, THIS)).toEqual([THIS, 9, 8, 17]);
    expect(role.columns.map((c) => c.label)).toEqual(['Month', 'Practitioner', 'Responder', 'Total']);
    expect(role.caption).toBe(`Of 17 lookups ${PERIOD}, practitioners made the most (9, 53%).`);
    const purpose = report(reports, 'lookups-by-purpose');
    expect(purpose.rows).toEqual([
      ['Attending an incident', 7, 41.2],
      ['Home visit', 6, 35.3],
      ['MASH enquiry', '<5', '[c]'],
      ['Welfare check', '<5', '[c]'],
    ]);
    expect(purpose.total).toEqual(['Total', 17, 100]);
    expect(purpose.caption).toBe(`The purpose given most often ${PERIOD} was “Attending an incident” (7 lookups, 41%).`);
  });

  it('counts the lead teams told, by month and by who looked', () => {
    const byMonth = report(reports, 'lead-notifications-by-month');
    expect(cellOf(byMonth, row(byMonth, THIS), 'Police team')).toBe(5);
    expect(cellOf(byMonth, row(byMonth, THIS), "Children's social care team")).toBe(8);
    expect(cellOf(byMonth, row(byMonth, THIS), 'Total')).toBe(13);
    expect(byMonth.caption).toContain(`Lead teams were told 13 times ${PERIOD}`);
    const byViewer = report(reports, 'lead-notifications-by-viewer');
    const children = row(byViewer, "Children's social care team");
    expect(cellOf(byViewer, children, 'NHS looked')).toBe('<5');
    expect(cellOf(byViewer, children, 'Police looked')).toBe('[c]');
    // The withheld cells reach the police team's row through the totals (secondary suppression runs until no line has a lone withheld cell).
    for (const x of byViewer.rows) for (const c of x.slice(1)) expect(typeof c === 'number' && c > 0 && c < 5).toBe(false);
    expect(byViewer.total![byViewer.total!.length - 1]).toBe(13);
  });

  it('counts break-glass uses with the supervisors’ findings, small ones withheld', () => {
    const byMonth = report(reports, 'break-glass-by-month');
    expect(row(byMonth, THIS)).toEqual([THIS, 5, '<5', '<5', 7]);
    expect(byMonth.caption).toBe(`Staff broke the glass 7 times ${PERIOD}: 5 found justified; the other findings are too few to show.`);
    const byOrganisation = report(reports, 'break-glass-by-organisation');
    // 6 beside the council's withheld 1 would give it away from the grand total of 7.
    expect(row(byOrganisation, 'Test police')).toEqual(['Test police', '[c]', 0, '<5', '[c]']);
    expect(row(byOrganisation, 'Test council')).toEqual(['Test council', 0, '<5', 0, '<5']);
  });

  it('says how long each record is kept, and covers notifications and break-glass for 12 months at most', async () => {
    for (const id of ['lead-notifications-by-month', 'lead-notifications-by-viewer', 'break-glass-by-month', 'break-glass-by-organisation'])
      expect(report(reports, id).notes.join(' '), id).toMatch(/audit trail is kept in full, but lead-team notifications and break-glass records are kept 12 months/);
    const longer = await readAsReports(database, (tx) => useReports(tx, reportWindow(NOW, 36)));
    expect(report(longer, 'lookups-by-organisation').rows).toHaveLength(36);
    expect(report(longer, 'lead-notifications-by-month').rows).toHaveLength(12);
    expect(report(longer, 'break-glass-by-month').rows).toHaveLength(12);
  });
});
