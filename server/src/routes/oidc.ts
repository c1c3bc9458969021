// Single sign-on through an organisation's OpenID Connect provider (public routes): the sign-in
// page's list of such organisations, the redirect out, the callback, and accepting an invitation
// by signing on. The callback starts an ordinary mast session; the provider's own second factor
// stands in for mast's (see the README).
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { ApiErrorSchema, InviteLookupRequestSchema, SsoOrganisationListSchema, SsoRedirectSchema } from '@mast/shared';
import { getOrganisation, listOrganisations, recordAudit, type Database, type OrganisationRow } from '@mast/db';
import { apiError } from '../http/errors.ts';
import { json } from '../http/json-content.ts';
import { validationHook } from '../http/validation-hook.ts';
import { clientAddress } from '../http/audit-context.ts';
import type { AppEnv } from '../http/with-auth.ts';
import { startSession } from '../auth/session.ts';
import { isHttps, setSessionCookie } from '../http/cookies.ts';
import { OIDC_CALLBACK_PATH, OIDC_COOKIE, OIDC_LOGIN_MINUTES, OidcUnavailable, beginOidcLogin, completeOidcLogin, takeLogin } from '../auth/oidc.ts';
import { openInvite } from '../accounts/account-actions.ts';
import { answerProblem } from '../accounts/account-api.ts';
import { accountForSignOn } from '../accounts/sso-account.ts';

const OrganisationParamSchema = z.object({ organisationId: z.coerce.number().int().positive().max(2_147_483_647) });

const listRoute = createRoute({
  method: 'get',
  path: '/auth/sso-organisations',
  summary: 'Organisations whose users sign in through their own identity provider',
  responses: { 200: { description: 'Organisations', content: json(SsoOrganisationListSchema) } },
});

const startRoute = createRoute({
  method: 'get',
  path: '/auth/oidc/{organisationId}/start',
  summary: "Sign in through the organisation's identity provider: redirects there",
  request: { params: OrganisationParamSchema },
  responses: {
    302: { description: "To the provider's sign-in page" },
    404: { description: 'No organisation that signs in this way', content: json(ApiErrorSchema) },
    503: { description: 'The provider cannot be reached or is not set up here', content: json(ApiErrorSchema) },
  },
});

const callbackRoute = createRoute({
  method: 'get',
  path: '/auth/oidc/callback',
  summary: 'Where the provider sends the browser back: signs in and redirects to the app, or to the sign-in page with ?sso=failed',
  responses: { 302: { description: 'To the app, or back to sign-in' } },
});

const inviteSsoRoute = createRoute({
  method: 'post',
  path: '/invites/sso',
  summary: 'Accept an invitation by signing on through the organisation: answers where to send the browser',
  request: { body: { content: json(InviteLookupRequestSchema), required: true } },
  responses: {
    200: { description: 'The URL of the provider', content: json(SsoRedirectSchema) },
    404: { description: 'No such invitation', content: json(ApiErrorSchema) },
    409: { description: 'The invitation was used, has expired, or its organisation signs in with passwords', content: json(ApiErrorSchema) },
    503: { description: 'The provider cannot be reached or is not set up here', content: json(ApiErrorSchema) },
  },
});

/** `publicOrigin` (MAST_PUBLIC_URL) when set, else the origin the request came to. */
function redirectUri(c: Context, publicOrigin: string | undefined): string {
  return `${publicOrigin ?? new URL(c.req.url).origin}${OIDC_CALLBACK_PATH}`;
}

/** Remembers the round trip in the browser. Lax: the provider's redirect back is a top-level GET from another site. */
function setLoginCookie(c: Context, value: string) {
  setCookie(c, OIDC_COOKIE, value, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c), path: '/api/auth/oidc', maxAge: OIDC_LOGIN_MINUTES * 60 });
}

export function oidcRoutes(database: Database, now: () => Date, publicOrigin?: string) {
  const db = database.db;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  const oidcOrganisation = async (id: number): Promise<OrganisationRow | undefined> => {
    const organisation = await getOrganisation(db, id);
    return organisation?.signIn === 'oidc' ? organisation : undefined;
  };

  const begin = async (c: Context, organisation: OrganisationRow, inviteId?: number): Promise<string | Response> => {
    try {
      const begun = await beginOidcLogin(db, organisation, { redirectUri: redirectUri(c, publicOrigin), now: now(), ...(inviteId !== undefined && { inviteId }) });
      setLoginCookie(c, begun.cookie);
      return begun.url;
    } catch (e) {
      if (e instanceof OidcUnavailable) return apiError(c, 503, 'unavailable', e.message);
      // Discovery failed: the provider is down or unreachable from here.
      console.error(`mast: single sign-on discovery failed for organisation ${organisation.id}: ${(e as Error)?.name ?? 'error'}`);
      return apiError(c, 503, 'unavailable', "Your organisation's sign-in service cannot be reached. Try again, or call the service desk.");
    }
  };

  app.openapi(listRoute, async (c) => {
    const organisations = (await listOrganisations(db)).filter((o) => o.signIn === 'oidc').map((o) => ({ id: o.id, name: o.name }));
    return c.json({ organisations }, 200);
  });

  app.openapi(startRoute, async (c) => {
    const organisation = await oidcOrganisation(c.req.valid('param').organisationId);
    if (!organisation) return apiError(c, 404, 'not_found', 'No organisation signs in this way.') as never;
    const url = await begin(c, organisation);
    return (typeof url === 'string' ? c.redirect(url, 302) : url) as never;
  });

  app.openapi(inviteSsoRoute, async (c) => {
    const { token } = c.req.valid('json');
    return answerProblem(c, () => openInvite(db, token, now()), async (invite) => {
      const organisation = await oidcOrganisation(invite.organisationId);
      if (!organisation) return apiError(c, 409, 'conflict', 'Your organisation signs in with a mast password: choose one below.');
      const url = await begin(c, organisation, invite.id);
      return typeof url === 'string' ? c.json({ url }, 200) : url;
    }) as never;
  });

  app.openapi(callbackRoute, async (c) => {
    const client = clientAddress(c);
    const login = await takeLogin(db, getCookie(c, OIDC_COOKIE), now());
    deleteCookie(c, OIDC_COOKIE, { path: '/api/auth/oidc' });
    const refuse = async (reason: string, organisationId: number | null) => {
      await recordAudit(db, {
        userId: null,
        action: 'sso-refused',
        organisationId,
        subjectKind: organisationId === null ? null : 'organisation',
        subjectId: organisationId === null ? null : String(organisationId),
        detail: { reason },
        client,
      });
      return c.redirect('/login?sso=failed', 302) as never;
    };
    if (!login) return refuse('no-login-in-progress', null);
    const organisation = await oidcOrganisation(login.organisationId);
    if (!organisation) return refuse('not-oidc', login.organisationId);

    // The provider's answer, checked against what this browser's round trip expects, on the URL
    // registered with the provider (not the Host this request came in on).
    const callbackUrl = new URL(redirectUri(c, publicOrigin));
    callbackUrl.search = new URL(c.req.url).search;
    let claims;
    try {
      claims = await completeOidcLogin(organisation, login, callbackUrl);
    } catch (e) {
      const code = (e as { code?: unknown })?.code;
      return refuse(typeof code === 'string' ? `callback-refused:${code}` : 'callback-refused', organisation.id);
    }
    const outcome = await accountForSignOn(db, organisation, login, claims, { now: now(), client });
    if ('refused' in outcome) return refuse(outcome.refused, organisation.id);

    const { token, expiresAt } = await startSession(db, outcome.userId, now());
    // The same cookie as a password sign-in (routes/auth.ts): change them together.
    setSessionCookie(c, token, expiresAt);
    await recordAudit(db, { userId: outcome.userId, organisationId: organisation.id, action: 'login', detail: { via: 'oidc', firstSignOn: outcome.accepted }, client });
    return c.redirect('/', 302) as never;
  });
  return app;
}
