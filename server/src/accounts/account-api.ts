// How accounts and refusals look through the API: rows to contract shapes, problems to statuses.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { OrganisationKindSchema, RoleSchema, SignInMethodSchema, type Account, type AdminOrganisation, type ErrorCode, type OpenInvite } from '@mast/shared';
import type { AccountRow, InviteRow, OrganisationRow } from '@mast/db';
import { apiError } from '../http/errors.ts';
import { AccountProblem, type AccountProblemCode } from './account-problem.ts';

export function toAccount(a: AccountRow): Account {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: RoleSchema.parse(a.role),
    status: a.disabledAt ? 'disabled' : 'active',
    sso: a.sso,
    createdAt: a.createdAt.toISOString(),
  };
}

export function toOpenInvite(i: InviteRow): OpenInvite {
  return { id: i.id, displayName: i.displayName, role: RoleSchema.parse(i.role), username: i.username, email: i.email, expiresAt: i.expiresAt.toISOString() };
}

export function toAdminOrganisation(o: OrganisationRow): AdminOrganisation {
  return { id: o.id, name: o.name, kind: OrganisationKindSchema.parse(o.kind), signIn: SignInMethodSchema.parse(o.signIn) };
}

const STATUS: Record<AccountProblemCode, [ContentfulStatusCode, ErrorCode]> = {
  'not-found': [404, 'not_found'],
  'organisation-unknown': [404, 'not_found'],
  'invite-invalid': [404, 'not_found'],
  self: [409, 'conflict'],
  'username-taken': [409, 'conflict'],
  'invite-used': [409, 'conflict'],
  'invite-expired': [409, 'conflict'],
  'sso-only': [409, 'conflict'],
  'weak-password': [422, 'unprocessable'],
  'username-needed': [422, 'unprocessable'],
};

/** Runs an account action; a refusal becomes the API's one error shape, anything else is thrown on. */
export async function answerProblem<T>(c: Context, action: () => Promise<T>, ok: (value: T) => Response | Promise<Response>): Promise<Response> {
  let value: T;
  try {
    value = await action();
  } catch (e) {
    if (!(e instanceof AccountProblem)) throw e;
    const [status, code] = STATUS[e.code];
    const fields = e.code === 'weak-password' ? ['password'] : e.code === 'username-taken' || e.code === 'username-needed' ? ['username'] : undefined;
    return apiError(c, status, code, e.message, fields ? { fields } : {});
  }
  return ok(value);
}
