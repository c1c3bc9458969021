// The sharing agreement applied to one signed-in user: which rules are theirs, whether the
// purpose they gave is one their role may give (with the reference it needs), and whether the
// agreement keeps anything from them that breaking the glass would show.
import type { SessionWithUser } from '@mast/db';
import { viewerKey, type Purpose, type SharingAgreement, type ViewerRules } from '@mast/shared';

export function rulesFor(agreement: SharingAgreement, session: Pick<SessionWithUser, 'organisationKind' | 'role'>): ViewerRules | undefined {
  return agreement.viewers.get(viewerKey(session.organisationKind, session.role));
}

export type PurposeCheck = { ok: true; purpose: Purpose; reference: string | null } | { ok: false; message: string };

/** The purpose given, checked against what this viewer's role may give. Messages name codes, never values typed. */
export function checkPurpose(rules: ViewerRules, purpose: string | undefined, reference: string | undefined): PurposeCheck {
  const allowed = rules.purposes.map((p) => p.code);
  if (!purpose) return { ok: false, message: `Say why you are looking this address up: give a purpose (${allowed.join(', ')}).` };
  const found = rules.purposes.find((p) => p.code === purpose);
  if (!found) return { ok: false, message: `That purpose is not one your role may give. Give one of: ${allowed.join(', ')}.` };
  if (found.reference === 'required' && !reference) return { ok: false, message: `${found.label} needs its ${found.referenceLabel?.toLowerCase() ?? 'reference'}.` };
  return { ok: true, purpose: found, reference: found.reference === 'none' ? null : (reference ?? null) };
}

/** Whether the agreement shows this viewer anything less than everything (so breaking the glass would show more). */
export function keepsSomething(rules: ViewerRules): boolean {
  return Object.values(rules.levels).some((byCategory) => Object.values(byCategory).some((level) => level !== 'full'));
}
