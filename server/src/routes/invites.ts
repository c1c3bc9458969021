// Accepting an invitation (public: the invitee has no account yet). The token comes in the
// request body, read by the invite page from the link's fragment, never from a URL the server
// would log. Tokens are 160 random bits: guessing one is not a way in.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import {
  ApiErrorSchema,
  InviteAcceptRequestSchema,
  InviteAcceptResponseSchema,
  InviteDetailsSchema,
  InviteLookupRequestSchema,
  RoleSchema,
  SignInMethodSchema,
} from '@mast/shared';
import { getOrganisation, type Database } from '@mast/db';
import { json } from '../http/json-content.ts';
import { validationHook } from '../http/validation-hook.ts';
import { clientAddress } from '../http/audit-context.ts';
import type { AppEnv } from '../http/with-auth.ts';
import { acceptInviteWithPassword, openInvite } from '../accounts/account-actions.ts';
import { answerProblem } from '../accounts/account-api.ts';

const refusals = {
  400: { description: 'Malformed request', content: json(ApiErrorSchema) },
  404: { description: 'No such invitation', content: json(ApiErrorSchema) },
  409: { description: 'The invitation was used or has expired', content: json(ApiErrorSchema) },
};

const lookupRoute = createRoute({
  method: 'post',
  path: '/invites/lookup',
  summary: 'What an invitation is for, before accepting it',
  request: { body: { content: json(InviteLookupRequestSchema), required: true } },
  responses: { 200: { description: 'The invitation', content: json(InviteDetailsSchema) }, ...refusals },
});

const acceptRoute = createRoute({
  method: 'post',
  path: '/invites/accept',
  summary: 'Accept an invitation by choosing a password (organisations that sign in with mast passwords)',
  request: { body: { content: json(InviteAcceptRequestSchema), required: true } },
  responses: {
    201: { description: 'The account exists: sign in with it', content: json(InviteAcceptResponseSchema) },
    422: { description: 'The password or username is not acceptable', content: json(ApiErrorSchema) },
    ...refusals,
  },
});

export function inviteRoutes(database: Database, now: () => Date) {
  const db = database.db;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(lookupRoute, async (c) => {
    const { token } = c.req.valid('json');
    return answerProblem(
      c,
      async () => {
        const invite = await openInvite(db, token, now());
        return { invite, organisation: (await getOrganisation(db, invite.organisationId))! };
      },
      ({ invite, organisation }) =>
        c.json(
          {
            organisation: organisation.name,
            organisationId: organisation.id,
            displayName: invite.displayName,
            role: RoleSchema.parse(invite.role),
            username: invite.username,
            signIn: SignInMethodSchema.parse(organisation.signIn),
            expiresAt: invite.expiresAt.toISOString(),
          },
          200,
        ),
    ) as never;
  });

  app.openapi(acceptRoute, async (c) => {
    const input = c.req.valid('json');
    return answerProblem(
      c,
      () => acceptInviteWithPassword(db, input, { now: now(), client: clientAddress(c) }),
      ({ username }) => c.json({ username }, 201),
    ) as never;
  });
  return app;
}
