// Words and rules of the accounts pages: who may manage accounts, and what each role is called.
import type { Role } from '@mast/shared';
import { ROLE_LABELS } from '@mast/shared/role-labels';

/** Administrators manage their own organisation's accounts (the server checks it again). */
export function canManageAccounts(role: Role): boolean {
  return role === 'admin';
}

export { ROLE_LABELS };

/** The roles to choose from, in the order the labels are written (no zod in the browser: the
 * Record type makes sure every role is here). */
export const ROLE_CHOICES = Object.keys(ROLE_LABELS) as Role[];

/** "Expires in 3 days" / "Expires in 5 hours", for an open invitation. */
export function expiresIn(expiresAt: string, now = new Date()): string {
  const hours = Math.max(0, Math.round((new Date(expiresAt).getTime() - now.getTime()) / 3600_000));
  if (hours >= 48) return `Expires in ${Math.round(hours / 24)} days`;
  if (hours >= 1) return `Expires in ${hours} hour${hours === 1 ? '' : 's'}`;
  return 'Expires within the hour';
}
