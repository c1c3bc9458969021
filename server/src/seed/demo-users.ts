// Demo accounts, one for each kind of user the sharing agreements name. Created only with the
// demo borough; a real deployment starts with MAST_DEMO=0 and invites its users.
import type { FeedId, OrganisationKind, Role } from '@mast/shared';
import { sql, upsertUser, type Db } from '@mast/db';
import { hashPassword } from '../auth/password.ts';

export interface DemoUser {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  organisation: string;
  organisationKind: OrganisationKind;
  /** What signing in as this user shows, for the README and the start-up listing. */
  shows: string;
  /** The partner team they work in (by feed and team code), whose notifications are theirs. */
  team?: { feed: FeedId; code: string };
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'officer',
    password: 'mast-demo-officer',
    displayName: 'PC Alex Morgan',
    role: 'responder',
    organisation: 'Police force',
    organisationKind: 'police',
    shows: 'a police responder: which partners are involved and whom to call, health and care detail as flags',
  },
  {
    username: 'firefighter',
    password: 'mast-demo-firefighter',
    displayName: 'FF Sam Patel',
    role: 'responder',
    organisation: 'Fire and rescue service',
    organisationKind: 'fire',
    shows: 'a fire responder: what bears on a home safety visit',
  },
  {
    username: 'socialworker',
    password: 'mast-demo-socialworker',
    displayName: 'Jo Okafor (social worker)',
    role: 'practitioner',
    organisation: 'Borough council',
    organisationKind: 'council',
    shows: "a council practitioner in the adult social care team that leads 27 Mill Lane's case: care detail in full, the police categories that bear on a home visit, and who from other organisations looked at the team's cases",
    team: { feed: 'council-adults', code: 'ASC-NORTH-WEST' },
  },
  {
    username: 'nurse',
    password: 'mast-demo-nurse',
    displayName: 'Dev Rahman (safeguarding nurse)',
    role: 'practitioner',
    organisation: 'NHS hospital trust',
    organisationKind: 'nhs',
    shows: 'a health safeguarding practitioner',
  },
  {
    username: 'sergeant',
    password: 'mast-demo-sergeant',
    displayName: 'Sgt Chris Lowe',
    role: 'supervisor',
    organisation: 'Police force',
    organisationKind: 'police',
    shows: "a police supervisor: reviews the force's break-glass uses",
  },
  {
    username: 'steward',
    password: 'mast-demo-steward',
    displayName: 'Priya Shah (data steward)',
    role: 'data-steward',
    organisation: 'Borough council',
    organisationKind: 'council',
    shows: 'a data steward: uncertain matches and feed health',
  },
  {
    username: 'governance',
    password: 'mast-demo-governance',
    displayName: 'Ruth Adeyemi (information governance)',
    role: 'ig-officer',
    organisation: 'Borough council',
    organisationKind: 'council',
    shows: 'an information governance officer: the audit trail, unusual patterns, subject access reports',
  },
  {
    username: 'analyst',
    password: 'mast-demo-analyst',
    displayName: 'Tom Reid (analyst)',
    role: 'analyst',
    organisation: 'Borough council',
    organisationKind: 'council',
    shows: 'an analyst: trend data only, no address or person',
  },
  {
    username: 'admin',
    password: 'mast-demo-admin',
    displayName: 'Sys Admin',
    role: 'admin',
    organisation: 'Borough council',
    organisationKind: 'council',
    shows: 'an administrator: accounts, roles, organisations',
  },
];

export async function seedDemoUsers(db: Db): Promise<void> {
  for (const u of DEMO_USERS) {
    const id = await upsertUser(db, {
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      organisation: u.organisation,
      organisationKind: u.organisationKind,
      passwordHash: await hashPassword(u.password),
    });
    // The team is set only where the borough has it (a test's small borough may not).
    if (u.team) await db.execute(sql`UPDATE users SET team_id = (SELECT id FROM teams WHERE feed = ${u.team.feed} AND code = ${u.team.code}) WHERE id = ${id}`);
  }
}
