// Demo accounts, one for each kind of user the sharing agreements name. Created only with the
// demo borough; a real deployment starts with MAST_DEMO=0 and invites its users.
import type { FeedId, OrganisationKind, Role } from '@mast/shared';
import { acceptTotpStep, sql, upsertUser, type Db } from '@mast/db';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { hashPassword } from '../auth/password.ts';
import { issueRecoveryCodes, startEnrolment } from '../auth/second-factor.ts';

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
  /** Signs in with a second factor too: `pnpm mast totp-code <username>` prints its code. */
  totp?: boolean;
}

/** The demo's authenticator key (base32), published like the demo passwords: never a real account's. */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** The demo's recovery codes, each usable once (in each fresh demo database). */
export const DEMO_RECOVERY_CODES = Array.from({ length: 10 }, (_, i) => `demo${i}-recov`);

export function demoTotpKey(): Uint8Array {
  return decodeBase32IgnorePadding(DEMO_TOTP_SECRET);
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
    shows: "a police supervisor: reviews the force's break-glass uses; signs in with a second factor (`pnpm mast totp-code sergeant`)",
    totp: true,
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
    if (u.totp) {
      await startEnrolment(db, { id, username: u.username }, demoTotpKey());
      await acceptTotpStep(db, id, 0, new Date());
      await issueRecoveryCodes(db, id, DEMO_RECOVERY_CODES);
    }
    // The team is set only where the borough has it (a test's small borough may not).
    if (u.team) await db.execute(sql`UPDATE users SET team_id = (SELECT id FROM teams WHERE feed = ${u.team.feed} AND code = ${u.team.code}) WHERE id = ${id}`);
  }
}
