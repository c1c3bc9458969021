// Demo accounts, one per kind of front-line user. Created only with the demo borough; a real
// deployment starts with MAST_DEMO=0 and creates its users through its identity provider.
import type { Role } from '@mast/shared';
import { upsertUser, type Db } from '@mast/db';
import { hashPassword } from '../auth/password.ts';

export interface DemoUser {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  organisation: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'officer', password: 'mast-demo-officer', displayName: 'PC Alex Morgan', role: 'police', organisation: 'Police force' },
  { username: 'firefighter', password: 'mast-demo-firefighter', displayName: 'FF Sam Patel', role: 'fire', organisation: 'Fire and rescue service' },
  { username: 'socialworker', password: 'mast-demo-socialworker', displayName: 'Jo Okafor (social worker)', role: 'social-worker', organisation: 'Borough council' },
  { username: 'steward', password: 'mast-demo-steward', displayName: 'Priya Shah (data steward)', role: 'data-steward', organisation: 'Borough council' },
];

export async function seedDemoUsers(db: Db): Promise<void> {
  for (const u of DEMO_USERS) {
    await upsertUser(db, { username: u.username, displayName: u.displayName, role: u.role, organisation: u.organisation, passwordHash: await hashPassword(u.password) });
  }
}
