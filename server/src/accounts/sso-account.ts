// Which mast account a sign-on through an organisation's identity provider is, and nothing
// else: the account bound to the provider's subject when its invitation was accepted, or, at a
// first sign-in, the open invitation whose email equals the provider's VERIFIED email claim.
// An unknown subject gets no account: a provider's users are not mast's users until invited.
import { getAccountByOidcSubject, getInvite, getOpenInviteByEmail, type Db, type OidcLoginRow, type OrganisationRow } from '@mast/db';
import type { OidcClaims } from '../auth/oidc.ts';
import { acceptInviteWithSubject } from './account-actions.ts';
import { AccountProblem } from './account-problem.ts';

export type SsoRefusal = 'unknown-subject' | 'disabled' | 'already-bound' | 'invite-closed';
export type SsoOutcome = { userId: number; accepted: boolean } | { refused: SsoRefusal };

export async function accountForSignOn(
  db: Db,
  organisation: OrganisationRow,
  login: OidcLoginRow,
  claims: OidcClaims,
  options: { now: Date; client: string | null },
): Promise<SsoOutcome> {
  const bound = await getAccountByOidcSubject(db, organisation.id, claims.subject);
  const accept = async (inviteId: number, matchedBy: 'invite-link' | 'verified-email'): Promise<SsoOutcome> => {
    const invite = await getInvite(db, inviteId);
    if (!invite || invite.organisationId !== organisation.id) return { refused: 'invite-closed' };
    try {
      const { userId } = await acceptInviteWithSubject(db, invite, claims.subject, { ...options, matchedBy });
      return { userId, accepted: true };
    } catch (e) {
      if (e instanceof AccountProblem) return { refused: 'invite-closed' };
      throw e;
    }
  };

  if (login.inviteId !== null) {
    // One identity, one account: an invitation cannot give a second account to someone already here.
    if (bound) return { refused: 'already-bound' };
    return accept(login.inviteId, 'invite-link');
  }
  if (bound) return bound.disabled ? { refused: 'disabled' } : { userId: bound.id, accepted: false };
  if (claims.verifiedEmail) {
    const invite = await getOpenInviteByEmail(db, organisation.id, claims.verifiedEmail, options.now);
    if (invite) return accept(invite.id, 'verified-email');
  }
  return { refused: 'unknown-subject' };
}
