// Who is offered which of the sharing agreement's pages (the server decides; this only shows the
// links), and their wording. Pure functions; shapes from @mast/shared.
import type { LeadNotification, Role, User } from '@mast/shared';

/** Supervisors review their organisation's break-glass uses. */
export function canReviewBreakGlass(role: Role): boolean {
  return role === 'supervisor';
}

/** Front-line and practitioner roles may be in a team that leads cases; the server says whether they are. */
export function mayHaveNotifications(user: Pick<User, 'role'>): boolean {
  return user.role === 'practitioner' || user.role === 'supervisor' || user.role === 'responder';
}

export function breakGlassLinkLabel(awaiting: number | null): string {
  if (awaiting === null || awaiting === 0) return 'Break-glass uses';
  return `Break-glass uses: ${awaiting} to review`;
}

export function notificationsLinkLabel(unread: number | null): string {
  if (unread === null || unread === 0) return 'Who looked at your cases';
  return `Who looked at your cases: ${unread} new`;
}

const ROLE_WORDS: Record<Role, string> = {
  responder: 'responder',
  practitioner: 'practitioner',
  supervisor: 'supervisor',
  'data-steward': 'data steward',
  'ig-officer': 'information governance officer',
  analyst: 'analyst',
  admin: 'administrator',
};

export function roleWords(role: Role): string {
  return ROLE_WORDS[role] ?? role;
}

/** "PC Alex Morgan (Police force, responder)". */
export function viewerText(n: Pick<LeadNotification, 'viewer'>): string {
  return `${n.viewer.displayName} (${n.viewer.organisation}, ${roleWords(n.viewer.role)})`;
}

/** A purpose code as people read it; the codes are the agreement's own words with dashes. */
export function purposeWords(code: string): string {
  const words = code.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
