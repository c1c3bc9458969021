// What administrators do to accounts, the same through the API and the command line: invite,
// change a role, disable, enable, reset a second factor, and what an invitee does to accept.
// Every action is audited with codes only (roles, counts), never a password, token or name.
// The API passes the administrator's own organisation, so an account elsewhere is "not found".
import type { Role } from '@mast/shared';
import {
  acceptInvite,
  createInvite,
  endUserSessions,
  getAccount,
  getInviteByTokenHash,
  getOrganisation,
  recordAudit,
  setAccountDisabled,
  setAccountRole,
  usernameTaken,
  withdrawInvite,
  NO_PASSWORD,
  type AccountRow,
  type Db,
  type InviteRow,
} from '@mast/db';
import { hashPassword } from '../auth/password.ts';
import { passwordProblem } from '../auth/password-policy.ts';
import { auditOf, type Actor } from './actor.ts';
import { AccountProblem } from './account-problem.ts';
import { generateInviteToken, inviteLink, inviteTokenHash } from './invite-token.ts';
import { resetUserSecondFactor } from './second-factor-reset.ts';

export interface InviteInput {
  displayName: string;
  role: Role;
  username?: string | undefined;
  email?: string | undefined;
}

export interface IssuedInvite {
  invite: InviteRow;
  /** Shown once; only its hash is kept. */
  link: string;
}

export async function inviteAccount(
  db: Db,
  actor: Actor,
  organisationId: number,
  input: InviteInput,
  options: { now: Date; origin: string; hours: number },
): Promise<IssuedInvite> {
  if (input.username && (await usernameTaken(db, input.username))) throw new AccountProblem('username-taken', 'That username is taken: choose another.');
  const token = generateInviteToken();
  const expiresAt = new Date(options.now.getTime() + options.hours * 3600_000);
  const id = await createInvite(db, {
    tokenHash: inviteTokenHash(token),
    organisationId,
    role: input.role,
    displayName: input.displayName,
    username: input.username ?? null,
    email: input.email ?? null,
    createdBy: actor.userId,
    expiresAt,
  });
  await recordAudit(db, auditOf(actor, 'admin-invite', 'invite', id, { role: input.role, organisationId, hours: options.hours }));
  const invite: InviteRow = {
    id,
    tokenHash: '',
    organisationId,
    role: input.role,
    displayName: input.displayName,
    username: input.username ?? null,
    email: input.email ?? null,
    createdBy: actor.userId,
    createdAt: options.now,
    expiresAt,
    usedAt: null,
    usedBy: null,
  };
  return { invite, link: inviteLink(options.origin, token) };
}

/** Withdraws an invitation not yet used (sent to the wrong person, or no longer needed). */
export async function withdrawInvitation(db: Db, actor: Actor, organisationId: number, inviteId: number, now: Date): Promise<void> {
  if (!(await withdrawInvite(db, organisationId, inviteId, now))) throw new AccountProblem('not-found', 'There is no such open invitation in your organisation.');
  await recordAudit(db, auditOf(actor, 'admin-invite-withdrawn', 'invite', inviteId));
}

async function accountIn(db: Db, organisationId: number, userId: number): Promise<AccountRow> {
  const account = await getAccount(db, organisationId, userId);
  if (!account) throw new AccountProblem('not-found', 'There is no such user in your organisation.');
  return account;
}

export async function changeRole(db: Db, actor: Actor, organisationId: number, userId: number, role: Role): Promise<AccountRow> {
  const account = await accountIn(db, organisationId, userId);
  // An administrator who demotes themselves could leave the organisation with no one to undo it.
  if (actor.userId === userId) throw new AccountProblem('self', 'You cannot change your own role: ask another administrator.');
  if (account.role !== role) {
    await setAccountRole(db, userId, role);
    // A new role changes what the user may see: sessions started under the old one end.
    await endUserSessions(db, userId);
  }
  await recordAudit(db, auditOf(actor, 'admin-role-changed', 'user', userId, { from: account.role, to: role }));
  return { ...account, role };
}

export async function disableAccount(db: Db, actor: Actor, organisationId: number, userId: number, now: Date): Promise<AccountRow> {
  const account = await accountIn(db, organisationId, userId);
  if (actor.userId === userId) throw new AccountProblem('self', 'You cannot disable your own account: ask another administrator.');
  const disabledAt = account.disabledAt ?? now;
  if (!account.disabledAt) await setAccountDisabled(db, userId, disabledAt);
  const sessionsEnded = await endUserSessions(db, userId);
  await recordAudit(db, auditOf(actor, 'admin-disabled', 'user', userId, { role: account.role, sessionsEnded }));
  return { ...account, disabledAt };
}

export async function enableAccount(db: Db, actor: Actor, organisationId: number, userId: number): Promise<AccountRow> {
  const account = await accountIn(db, organisationId, userId);
  if (account.disabledAt) await setAccountDisabled(db, userId, null);
  await recordAudit(db, auditOf(actor, 'admin-enabled', 'user', userId, { role: account.role }));
  return { ...account, disabledAt: null };
}

export async function resetSecondFactor(db: Db, actor: Actor, organisationId: number, userId: number): Promise<AccountRow> {
  const account = await accountIn(db, organisationId, userId);
  const { sessionsEnded } = await resetUserSecondFactor(db, userId);
  await recordAudit(db, auditOf(actor, 'admin-second-factor-reset', 'user', userId, { sessionsEnded }));
  return account;
}

/** The invitation a token opens, if it is still open; a used or expired one is refused with a clear message. */
export async function openInvite(db: Db, token: string, now: Date): Promise<InviteRow> {
  const invite = await getInviteByTokenHash(db, inviteTokenHash(token));
  if (!invite) throw new AccountProblem('invite-invalid', 'This invitation link is not valid. Check you copied all of it, or ask your administrator for a new one.');
  if (invite.usedAt) throw new AccountProblem('invite-used', 'This invitation has already been used. Sign in, or ask your administrator for a new one.');
  if (invite.expiresAt <= now) throw new AccountProblem('invite-expired', 'This invitation has expired. Ask your administrator for a new one.');
  return invite;
}

export interface Accepted {
  userId: number;
  username: string;
}

/** Accepts an invitation by choosing a password (for an organisation that signs in with mast's passwords). */
export async function acceptInviteWithPassword(
  db: Db,
  input: { token: string; password: string; username?: string | undefined },
  options: { now: Date; client: string | null },
): Promise<Accepted> {
  const invite = await openInvite(db, input.token, options.now);
  const organisation = await getOrganisation(db, invite.organisationId);
  if (organisation?.signIn === 'oidc') throw new AccountProblem('sso-only', "Your organisation signs in through its own sign-in service: use the button to continue there.");
  const username = invite.username ?? input.username;
  if (!username) throw new AccountProblem('username-needed', 'Choose a username.');
  const problem = passwordProblem(input.password);
  if (problem) throw new AccountProblem('weak-password', problem);
  return completeInvite(db, invite, { username, passwordHash: await hashPassword(input.password), oidcSubject: null }, options);
}

/** Accepts an invitation for an account that signs in through the organisation's identity provider, bound to its subject. */
export async function acceptInviteWithSubject(
  db: Db,
  invite: InviteRow,
  subject: string,
  options: { now: Date; client: string | null; matchedBy: 'invite-link' | 'verified-email' },
): Promise<Accepted> {
  const username = invite.username ?? invite.email;
  if (!username) throw new AccountProblem('username-needed', 'The invitation names no username.');
  return completeInvite(db, invite, { username, passwordHash: NO_PASSWORD, oidcSubject: subject }, options, { matchedBy: options.matchedBy });
}

async function completeInvite(
  db: Db,
  invite: InviteRow,
  account: { username: string; passwordHash: string; oidcSubject: string | null },
  options: { now: Date; client: string | null },
  extra: Record<string, unknown> = {},
): Promise<Accepted> {
  const result = await acceptInvite(db, invite.id, account, options.now);
  if (result === 'closed') throw new AccountProblem('invite-used', 'This invitation has already been used. Sign in, or ask your administrator for a new one.');
  if (result === 'username-taken') throw new AccountProblem('username-taken', 'That username is taken: choose another.');
  await recordAudit(db, {
    userId: result,
    organisationId: invite.organisationId,
    role: invite.role,
    client: options.client,
    action: 'invite-accepted',
    subjectKind: 'invite',
    subjectId: String(invite.id),
    detail: { role: invite.role, signIn: account.oidcSubject ? 'oidc' : 'password', ...extra },
  });
  return { userId: result, username: account.username };
}
