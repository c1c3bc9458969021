// Account administration: an administrator manages the accounts of their own organisation and
// no other. Every query is scoped by the administrator's organisation, so an id from another
// organisation answers 404 exactly as an id that does not exist: ids do not tell what exists.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  AccountListResponseSchema,
  AccountResponseSchema,
  ApiErrorSchema,
  InviteRequestSchema,
  InviteResponseSchema,
  OrganisationListResponseSchema,
  RoleChangeRequestSchema,
} from '@mast/shared';
import { getAccount, getOrganisation, listAccounts, listOpenInvites, type Database } from '@mast/db';
import { apiError } from '../http/errors.ts';
import { auditContext } from '../http/audit-context.ts';
import { json } from '../http/json-content.ts';
import { requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation-hook.ts';
import type { AppEnv } from '../http/with-auth.ts';
import type { Context } from 'hono';
import { changeRole, disableAccount, enableAccount, inviteAccount, resetSecondFactor, withdrawInvitation } from '../accounts/account-actions.ts';
import { answerProblem, toAccount, toAdminOrganisation, toOpenInvite } from '../accounts/account-api.ts';
import { DEFAULT_INVITE_HOURS } from '../config.ts';
import type { Actor } from '../accounts/actor.ts';

const IdParamSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const errors = {
  400: { description: 'Malformed request', content: json(ApiErrorSchema) },
  403: { description: 'Only administrators manage accounts', content: json(ApiErrorSchema) },
  404: { description: 'No such user in your organisation', content: json(ApiErrorSchema) },
};

const listRoute = createRoute({
  method: 'get',
  path: '/admin/users',
  summary: "Your organisation's users and open invitations",
  responses: { 200: { description: 'Users', content: json(AccountListResponseSchema) }, 403: errors[403] },
});

const getRoute = createRoute({
  method: 'get',
  path: '/admin/users/{id}',
  summary: 'One user of your organisation',
  request: { params: IdParamSchema },
  responses: { 200: { description: 'The user', content: json(AccountResponseSchema) }, ...errors },
});

const inviteRoute = createRoute({
  method: 'post',
  path: '/admin/users/invites',
  summary: 'Invite someone to your organisation with a role: a one-time link that expires',
  request: { body: { content: json(InviteRequestSchema), required: true } },
  responses: {
    201: { description: 'The invitation and its link, shown once', content: json(InviteResponseSchema) },
    409: { description: 'The username is taken', content: json(ApiErrorSchema) },
    ...errors,
  },
});

const withdrawRoute = createRoute({
  method: 'post',
  path: '/admin/users/invites/{id}/withdraw',
  summary: 'Withdraw an invitation not yet used: its link stops working',
  request: { params: IdParamSchema },
  responses: { 204: { description: 'Withdrawn' }, ...errors },
});

const actionResponses = {
  200: { description: 'The user as it now is', content: json(AccountResponseSchema) },
  409: { description: 'Not on your own account', content: json(ApiErrorSchema) },
  ...errors,
};

const userAction = (path: string, summary: string) =>
  createRoute({ method: 'post', path: `/admin/users/{id}/${path}`, summary, request: { params: IdParamSchema }, responses: actionResponses });

const roleRoute = createRoute({
  method: 'post',
  path: '/admin/users/{id}/role',
  summary: "Change a user's role (their sessions end)",
  request: { params: IdParamSchema, body: { content: json(RoleChangeRequestSchema), required: true } },
  responses: actionResponses,
});
const disableRoute = userAction('disable', 'Disable a user: they cannot sign in and their sessions end at once');
const enableRoute = userAction('enable', 'Enable a disabled user again');
const resetRoute = userAction('second-factor/reset', "Reset a user's second factor (their sessions end)");

const organisationsRoute = createRoute({
  method: 'get',
  path: '/admin/organisations',
  summary: 'The organisations you administer (your own)',
  responses: { 200: { description: 'Organisations', content: json(OrganisationListResponseSchema) }, 403: errors[403] },
});

const organisationRoute = createRoute({
  method: 'get',
  path: '/admin/organisations/{id}',
  summary: 'Your organisation',
  request: { params: IdParamSchema },
  responses: { 200: { description: 'The organisation', content: json(OrganisationListResponseSchema.shape.organisations.element) }, ...errors },
});

function actorOf(c: Context<AppEnv>): Actor {
  return { ...auditContext(c), via: 'api' };
}

/** Links in invitations point at `invites.publicOrigin` (MAST_PUBLIC_URL) when set, else the origin asked at. */
export function adminUserRoutes(database: Database, now: () => Date, invites: { publicOrigin?: string | undefined; hours?: number } = {}) {
  const db = database.db;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  for (const path of ['/admin/users', '/admin/users/*', '/admin/organisations', '/admin/organisations/*']) app.use(path, requireRole('admin'));

  app.openapi(listRoute, async (c) => {
    const organisationId = c.get('session').organisationId;
    const [organisation, users, invites] = await Promise.all([getOrganisation(db, organisationId), listAccounts(db, organisationId), listOpenInvites(db, organisationId, now())]);
    return c.json({ organisation: toAdminOrganisation(organisation!), users: users.map(toAccount), invites: invites.map(toOpenInvite) }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const account = await getAccount(db, c.get('session').organisationId, c.req.valid('param').id);
    if (!account) return apiError(c, 404, 'not_found', 'There is no such user in your organisation.') as never;
    return c.json({ user: toAccount(account) }, 200);
  });

  app.openapi(inviteRoute, async (c) => {
    const input = c.req.valid('json');
    const origin = invites.publicOrigin ?? new URL(c.req.url).origin;
    return answerProblem(
      c,
      () => inviteAccount(db, actorOf(c), c.get('session').organisationId, input, { now: now(), origin, hours: invites.hours ?? DEFAULT_INVITE_HOURS }),
      (issued) => c.json({ invite: toOpenInvite(issued.invite), link: issued.link }, 201),
    ) as never;
  });

  app.openapi(withdrawRoute, async (c) =>
    answerProblem(
      c,
      () => withdrawInvitation(db, actorOf(c), c.get('session').organisationId, c.req.valid('param').id, now()),
      () => c.body(null, 204),
    ) as never,
  );

  const one = (c: Context<AppEnv>, action: (actor: Actor, organisationId: number) => ReturnType<typeof enableAccount>) =>
    answerProblem(c, () => action(actorOf(c), c.get('session').organisationId), (account) => c.json({ user: toAccount(account) }, 200)) as never;

  app.openapi(roleRoute, (c) => one(c, (actor, org) => changeRole(db, actor, org, c.req.valid('param').id, c.req.valid('json').role)));
  app.openapi(disableRoute, (c) => one(c, (actor, org) => disableAccount(db, actor, org, c.req.valid('param').id, now())));
  app.openapi(enableRoute, (c) => one(c, (actor, org) => enableAccount(db, actor, org, c.req.valid('param').id)));
  app.openapi(resetRoute, (c) => one(c, (actor, org) => resetSecondFactor(db, actor, org, c.req.valid('param').id)));

  app.openapi(organisationsRoute, async (c) => {
    const organisation = await getOrganisation(db, c.get('session').organisationId);
    return c.json({ organisations: [toAdminOrganisation(organisation!)] }, 200);
  });

  app.openapi(organisationRoute, async (c) => {
    const id = c.req.valid('param').id;
    const organisation = id === c.get('session').organisationId ? await getOrganisation(db, id) : undefined;
    if (!organisation) return apiError(c, 404, 'not_found', 'There is no such organisation among those you administer.') as never;
    return c.json(toAdminOrganisation(organisation), 200);
  });
  return app;
}
