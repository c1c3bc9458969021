// A borough made to test the sharing agreement: one address for every category of every feed,
// each with one row of that category (a person named on it), so that what a viewer is shown at
// an address is what the agreement says of that one cell. Users are made for any viewer key.
import { CODE_LISTS, FEED_CONTRACTS, FEED_IDS, type FeedId } from '@mast/shared';
import { sql, upsertUser, type Database } from '@mast/db';
import { ingestFeedFile } from '../feeds/ingest.ts';
import { loadGazetteer, loadTeams } from '../gazetteer/load-reference-data.ts';
import { hashPassword } from '../auth/password.ts';
import { startSession, SESSION_COOKIE } from '../auth/session.ts';
import { TEAMS_CSV, type TempFiles } from './small-borough.ts';

export const NOW = new Date('2026-11-20T09:00:00Z');

export interface Cell {
  feed: FeedId;
  category: string;
  uprn: number;
  /** The person named on the row (a distinct name per cell). */
  name: string;
}

const TEAM: Record<FeedId, string> = {
  police: 'POL-NORTH',
  fire: 'FRS-WEST',
  nhs: 'ED-SAFE',
  'council-adults': 'ASC-DUTY',
  'council-children': 'CSC-MASH',
};

/** 1 -> "a", 27 -> "ba": names may hold letters only. */
function letters(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor(k / 26)) out = String.fromCharCode(97 + (k % 26)) + out;
  return out;
}

export function agreementCells(): Cell[] {
  const cells: Cell[] = [];
  let n = 1;
  for (const feed of FEED_IDS) {
    for (const category of Object.keys(CODE_LISTS[feed])) {
      cells.push({ feed, category, uprn: 300000000000 + n, name: `Cell${letters(n)}` });
      n++;
    }
  }
  return cells;
}

/** The feed file holding these cells' rows (each feed's columns in its contract's order). */
function feedFile(feed: FeedId, cells: Cell[], extra: (cell: Cell) => Record<string, string> = () => ({})): string {
  const contract = FEED_CONTRACTS[feed];
  const columns = contract.columns.map((c) => c.name);
  const lines = [columns.join(',')];
  cells.forEach((cell, i) => {
    const v: Record<string, string> = {
      [contract.idColumn]: `${feed}-${cell.uprn}`,
      [contract.dateColumn]: '2026-11-01',
      category: cell.category,
      given_name: cell.name,
      family_name: 'Testperson',
      // A year of birth of its own for every cell: the person index must not take two cells' people for one.
      date_of_birth: `${1900 + (cell.uprn % 100)}-0${1 + (i % 9)}-1${i % 10}`,
      uprn: String(cell.uprn),
      lead_team: TEAM[feed],
      ...(feed === 'nhs' && { attendance_type: 'attended' }),
      ...extra(cell),
    };
    lines.push(columns.map((c) => v[c] ?? '').join(','));
  });
  return lines.join('\n');
}

/** Loads the cells (and `sensitive`, places marked sensitive by the police, each with one row). */
export async function loadAgreementBorough(database: Database, files: TempFiles, sensitive: number[] = []): Promise<Cell[]> {
  const cells = agreementCells();
  const uprns = [...cells.map((c) => c.uprn), ...sensitive];
  const gazetteer = [
    'uprn,parent_uprn,sub_building,building_name,building_number,street,locality,town,postcode,latitude,longitude',
    ...uprns.map((u, i) => `${u},,,,${i + 1},Agreement Road,Northfield,Mastbury,MB9 ${1 + Math.floor(i / 20)}AA,52.5,-1.9`),
  ];
  await loadTeams(database, files.write('teams.csv', TEAMS_CSV));
  await loadGazetteer(database, files.write('gazetteer.csv', gazetteer.join('\n')));
  for (const feed of FEED_IDS) {
    const mine = cells.filter((c) => c.feed === feed);
    const marked = feed === 'police' ? sensitive.map((uprn, i) => ({ feed, category: 'concern-for-welfare', uprn, name: `Refuge${letters(i + 1)}` })) : [];
    const text = feedFile(feed, [...mine, ...marked], (cell): Record<string, string> => (sensitive.includes(cell.uprn) ? { sensitive_address: 'Y' } : {}));
    const report = await ingestFeedFile(database, { feed, path: files.write(`${feed}.csv`, text), now: new Date('2026-11-20T06:00:00Z') });
    if (report.rejected > 0) throw new Error(`${feed}: ${report.rejected} fixture rows rejected: ${JSON.stringify(report.rejections?.slice(0, 2))}`);
  }
  return cells;
}

/** A signed-in user for a viewer key ("police/responder"), in an organisation of that kind; returns their cookie. */
export async function signedInAs(
  database: Database,
  viewer: string,
  opts: { username?: string; organisation?: string; teamId?: number | null } = {},
): Promise<{ cookie: string; userId: number }> {
  const [kind, role] = viewer.split('/') as [string, string];
  const username = opts.username ?? `user-${kind}-${role}`;
  const userId = await upsertUser(database.db, {
    username,
    displayName: `${role} of ${kind}`,
    role,
    organisation: opts.organisation ?? `Test ${kind}`,
    organisationKind: kind,
    passwordHash: await hashPassword('not-used-in-these-tests'),
  });
  if (opts.teamId !== undefined) await database.query(sql`UPDATE users SET team_id = ${opts.teamId} WHERE id = ${userId}`);
  const { token } = await startSession(database.db, userId, NOW);
  return { cookie: `${SESSION_COOKIE}=${token}`, userId };
}
