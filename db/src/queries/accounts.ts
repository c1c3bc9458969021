// Accounts as administrators see them: an organisation's users, invitations, role changes,
// disabling, and the single sign-on settings and round trips. Every read that an administrator
// makes is scoped by organisation here, so an id from another organisation finds nothing.
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { organisations } from '../schema/organisations.ts';
import { users } from '../schema/users.ts';
import { invites, oidcLogins } from '../schema/accounts.ts';

export type OrganisationRow = typeof organisations.$inferSelect;
export type InviteRow = typeof invites.$inferSelect;
export type OidcLoginRow = typeof oidcLogins.$inferSelect;

/** The password hash of an account that signs in through its organisation's identity provider:
 * not an argon2 hash, so no password ever verifies against it. */
export const NO_PASSWORD = '!sso';

export interface AccountRow {
  id: number;
  username: string;
  displayName: string;
  role: string;
  organisationId: number;
  disabledAt: Date | null;
  createdAt: Date;
  /** Signs in through the organisation's identity provider. */
  sso: boolean;
}

const accountColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  organisationId: users.organisationId,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
  sso: sql<boolean>`${users.oidcSubject} IS NOT NULL`,
};

export async function listOrganisations(db: Db): Promise<OrganisationRow[]> {
  return db.select().from(organisations).orderBy(asc(organisations.name));
}

export async function getOrganisation(db: Db, id: number): Promise<OrganisationRow | undefined> {
  const [o] = await db.select().from(organisations).where(eq(organisations.id, id));
  return o;
}

export async function getOrganisationByName(db: Db, name: string): Promise<OrganisationRow | undefined> {
  const [o] = await db.select().from(organisations).where(eq(organisations.name, name));
  return o;
}

/** Adds an organisation; undefined when one of that name exists already. */
export async function addOrganisation(db: Db, name: string, kind: string): Promise<number | undefined> {
  const [o] = await db.insert(organisations).values({ name, kind }).onConflictDoNothing().returning({ id: organisations.id });
  return o?.id;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** The name of the environment variable that holds the client secret. */
  clientSecretEnv: string;
}

/** Sets the organisation to sign in through its identity provider, or (null) back to passwords. */
export async function setOrganisationOidc(db: Db, id: number, oidc: OidcSettings | null): Promise<boolean> {
  const set = oidc
    ? { signIn: 'oidc', oidcIssuer: oidc.issuer, oidcClientId: oidc.clientId, oidcClientSecretEnv: oidc.clientSecretEnv }
    : { signIn: 'password', oidcIssuer: null, oidcClientId: null, oidcClientSecretEnv: null };
  const done = await db.update(organisations).set(set).where(eq(organisations.id, id)).returning({ id: organisations.id });
  return done.length > 0;
}

export async function listAccounts(db: Db, organisationId: number): Promise<AccountRow[]> {
  return db.select(accountColumns).from(users).where(eq(users.organisationId, organisationId)).orderBy(asc(users.displayName), asc(users.id));
}

/** One account, only if it belongs to this organisation. */
export async function getAccount(db: Db, organisationId: number, userId: number): Promise<AccountRow | undefined> {
  const [u] = await db
    .select(accountColumns)
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organisationId, organisationId)));
  return u;
}

export async function getAccountByUsername(db: Db, username: string): Promise<AccountRow | undefined> {
  const [u] = await db.select(accountColumns).from(users).where(eq(users.username, username));
  return u;
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return u !== undefined;
}

export async function setAccountRole(db: Db, userId: number, role: string): Promise<void> {
  await db.update(users).set({ role }).where(eq(users.id, userId));
}

export async function setAccountDisabled(db: Db, userId: number, disabledAt: Date | null): Promise<void> {
  await db.update(users).set({ disabledAt }).where(eq(users.id, userId));
}

/** The account bound to this subject of the organisation's identity provider. */
export async function getAccountByOidcSubject(db: Db, organisationId: number, subject: string): Promise<(AccountRow & { disabled: boolean }) | undefined> {
  const [u] = await db
    .select(accountColumns)
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.oidcSubject, subject)));
  return u && { ...u, disabled: u.disabledAt !== null };
}

export interface NewInvite {
  tokenHash: string;
  organisationId: number;
  role: string;
  displayName: string;
  username: string | null;
  email: string | null;
  createdBy: number | null;
  expiresAt: Date;
}

export async function createInvite(db: Db, invite: NewInvite): Promise<number> {
  const [row] = await db.insert(invites).values(invite).returning({ id: invites.id });
  return row!.id;
}

export async function getInviteByTokenHash(db: Db, tokenHash: string): Promise<InviteRow | undefined> {
  const [i] = await db.select().from(invites).where(eq(invites.tokenHash, tokenHash));
  return i;
}

export async function getInvite(db: Db, id: number): Promise<InviteRow | undefined> {
  const [i] = await db.select().from(invites).where(eq(invites.id, id));
  return i;
}

/** Invitations of the organisation not yet used nor expired, newest first. */
export async function listOpenInvites(db: Db, organisationId: number, now: Date): Promise<InviteRow[]> {
  return db
    .select()
    .from(invites)
    .where(and(eq(invites.organisationId, organisationId), isNull(invites.usedAt), gt(invites.expiresAt, now)))
    .orderBy(sql`${invites.id} DESC`);
}

/** An open invitation of the organisation for this email (compared without case), for a first sign-on. */
export async function getOpenInviteByEmail(db: Db, organisationId: number, email: string, now: Date): Promise<InviteRow | undefined> {
  const [i] = await db
    .select()
    .from(invites)
    .where(and(eq(invites.organisationId, organisationId), sql`lower(${invites.email}) = lower(${email})`, isNull(invites.usedAt), gt(invites.expiresAt, now)))
    .orderBy(sql`${invites.id} DESC`)
    .limit(1);
  return i;
}

export interface InvitedAccount {
  username: string;
  /** An argon2id hash, or NO_PASSWORD for an account bound to an identity provider. */
  passwordHash: string;
  oidcSubject: string | null;
}

/**
 * Uses the invitation and creates its account, in one transaction: the invitation is taken only
 * if it is still open, so two acceptances of one link cannot both succeed. Returns the new user's
 * id, 'closed' when the invitation was used or has expired, 'username-taken' when the username is.
 */
export async function acceptInvite(db: Db, inviteId: number, account: InvitedAccount, now: Date): Promise<number | 'closed' | 'username-taken'> {
  return db.transaction(async (tx) => {
    // The invitation's row lock first: a second acceptance of the same link waits here, then finds it used.
    const [invite] = await tx
      .update(invites)
      .set({ usedAt: now })
      .where(and(eq(invites.id, inviteId), isNull(invites.usedAt), gt(invites.expiresAt, now)))
      .returning();
    if (!invite) return 'closed';
    const [user] = await tx
      .insert(users)
      .values({
        username: account.username,
        displayName: invite.displayName,
        role: invite.role,
        organisationId: invite.organisationId,
        passwordHash: account.passwordHash,
        oidcSubject: account.oidcSubject,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) {
      // Taken: give the invitation back so that another username can be tried.
      await tx.update(invites).set({ usedAt: null }).where(eq(invites.id, inviteId));
      return 'username-taken';
    }
    await tx.update(invites).set({ usedBy: user.id }).where(eq(invites.id, inviteId));
    return user.id;
  });
}

export async function saveOidcLogin(db: Db, login: OidcLoginRow): Promise<void> {
  await db.insert(oidcLogins).values(login);
}

/** Reads and deletes the round trip in one statement: a callback can complete it once. */
export async function takeOidcLogin(db: Db, id: string, now: Date): Promise<OidcLoginRow | undefined> {
  const [row] = await db.delete(oidcLogins).where(eq(oidcLogins.id, id)).returning();
  return row && row.expiresAt > now ? row : undefined;
}

export async function deleteExpiredOidcLogins(db: Db, now: Date): Promise<void> {
  await db.delete(oidcLogins).where(sql`${oidcLogins.expiresAt} <= ${now.toISOString()}`);
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: string;
  organisationId: number;
  passwordHash: string;
}

/** Creates an account; undefined when the username is taken (an existing account is never overwritten). */
export async function createAccount(db: Db, account: NewAccount): Promise<number | undefined> {
  const [u] = await db.insert(users).values(account).onConflictDoNothing().returning({ id: users.id });
  return u?.id;
}

/** Withdraws an open invitation of the organisation (it expires now); false when there is none such. */
export async function withdrawInvite(db: Db, organisationId: number, inviteId: number, now: Date): Promise<boolean> {
  const done = await db
    .update(invites)
    .set({ expiresAt: now })
    .where(and(eq(invites.id, inviteId), eq(invites.organisationId, organisationId), isNull(invites.usedAt), gt(invites.expiresAt, now)))
    .returning({ id: invites.id });
  return done.length > 0;
}
