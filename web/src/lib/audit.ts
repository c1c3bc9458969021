// The information governance officer's audit pages: who may open them, the search as URL
// parameters (ids, codes and dates only: never a name or a date of birth), and each entry and
// flag in plain words. Pure functions, so they are testable; the server decides who may read.
import type { AuditFlag, AuditFlagKind, AuditSearchQuery, Role } from '@mast/shared';

const AUDIT_READERS: readonly Role[] = ['ig-officer'];

/** Whether this role may open the audit pages (the server decides; this only hides the link). */
export function canReadAudit(role: Role): boolean {
  return AUDIT_READERS.includes(role);
}

export type AuditSearchFields = Pick<AuditSearchQuery, 'userId' | 'uprn' | 'personId' | 'purpose' | 'from' | 'to'>;
const FIELDS = ['userId', 'uprn', 'personId', 'purpose', 'from', 'to'] as const;

/** The search in the page's URL, fields left empty dropped. */
export function searchFieldsOf(params: URLSearchParams): AuditSearchFields {
  const fields: AuditSearchFields = {};
  for (const f of FIELDS) {
    const v = params.get(f)?.trim();
    if (v) fields[f] = v;
  }
  return fields;
}

export function hasSearch(fields: AuditSearchFields): boolean {
  return Object.keys(fields).length > 0;
}

/** The search as query parameters, with an optional page cursor. */
export function searchParams(fields: AuditSearchFields, before?: number | null): URLSearchParams {
  const p = new URLSearchParams();
  for (const f of FIELDS) if (fields[f]) p.set(f, fields[f]!);
  if (before) p.set('before', String(before));
  return p;
}

const ACTION_LABELS: Record<string, string> = {
  'view-address': 'Looked up an address',
  'person-links-view': "Opened a person's records",
  'review-view': 'Opened a review pair',
  'address-review-view': 'Opened an address review',
  'bulk-reading': 'Read in bulk (slowed)',
  login: 'Signed in',
  'login-failed': 'Sign-in refused',
  'break-glass': 'Broke the glass',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action.replaceAll('-', ' ');
}

export const FLAG_LABELS: Record<AuditFlagKind, string> = {
  'many-lookups': 'Far more lookups than peers',
  'no-incident-reference': 'No incident reference',
  'own-street': 'Looked up their own street',
  'bulk-reading': 'Bulk reading',
};

/** One sentence on what the flag saw. */
export function flagSentence(f: AuditFlag): string {
  const who = f.userName ?? 'An unknown user';
  switch (f.kind) {
    case 'many-lookups':
      return `${who} looked up ${f.lookups} addresses; the median for others in the same role is ${formatMedian(f.peerMedian)}.`;
    case 'no-incident-reference':
      return `${who} gave the purpose "${f.purpose}" without an incident reference${f.address ? ` for ${f.address}` : ''}.`;
    case 'own-street':
      return `${who} looked up ${f.address ?? 'an address'}, in the postcode of their own home.`;
    case 'bulk-reading':
      return `${who} read more in a minute than their role allows; mast slowed them down.`;
  }
}

function formatMedian(m: number | null): string {
  if (m === null) return 'unknown';
  return Number.isInteger(m) ? String(m) : m.toFixed(1);
}

/** "13:05:09 UTC, 6 Dec 2026": the trail keeps UTC, and says so. */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC, ${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
