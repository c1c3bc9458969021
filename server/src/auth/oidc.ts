// Sign-in through an organisation's OpenID Connect provider, with openid-client (panva): the
// authorisation code flow with PKCE, state and nonce. What the callback must match lives in the
// database (oidc_logins) under the hash of a random id the browser holds in a short-lived cookie,
// so the round trip works across server processes and cannot be replayed.
// The client secret is read from the environment variable the organisation names; it is never
// stored in the database. Plain http is allowed only for a provider on loopback (tests, a laptop).
import * as client from 'openid-client';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import { deleteExpiredOidcLogins, saveOidcLogin, takeOidcLogin, type Db, type OidcLoginRow, type OrganisationRow } from '@mast/db';

export const OIDC_COOKIE = 'mast_oidc';
/** How long a person may take at their provider's sign-in page. */
export const OIDC_LOGIN_MINUTES = 10;
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

export class OidcUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OidcUnavailable';
  }
}

export interface OidcClaims {
  subject: string;
  /** Only when the provider says it has verified it. */
  verifiedEmail: string | null;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const CONFIG_TTL_MS = 3600_000;
const configs = new Map<string, { at: number; config: Promise<client.Configuration> }>();

function secretOf(organisation: OrganisationRow): string {
  const name = organisation.oidcClientSecretEnv;
  const secret = name ? process.env[name] : undefined;
  if (organisation.signIn !== 'oidc' || !organisation.oidcIssuer || !organisation.oidcClientId || !secret) {
    throw new OidcUnavailable('Single sign-on is not set up for this organisation on this server.');
  }
  return secret;
}

/** The provider's configuration, discovered once an hour per organisation. */
function providerConfig(organisation: OrganisationRow): Promise<client.Configuration> {
  const secret = secretOf(organisation);
  const issuer = new URL(organisation.oidcIssuer!);
  const key = `${organisation.id} ${issuer.href} ${organisation.oidcClientId}`;
  const cached = configs.get(key);
  if (cached && Date.now() - cached.at < CONFIG_TTL_MS) return cached.config;
  const options = LOOPBACK.has(issuer.hostname) ? { execute: [client.allowInsecureRequests] } : undefined;
  const config = client.discovery(issuer, organisation.oidcClientId!, secret, client.ClientSecretBasic(secret), options);
  configs.set(key, { at: Date.now(), config });
  // A provider that was down must be asked again next time, not remembered as down.
  config.catch(() => configs.delete(key));
  return config;
}

function idHash(cookieValue: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(`oidc:${cookieValue}`)));
}

export interface BegunLogin {
  /** The cookie's value: the round trip's id. */
  cookie: string;
  /** The provider's authorisation URL to send the browser to. */
  url: string;
}

export async function beginOidcLogin(
  db: Db,
  organisation: OrganisationRow,
  options: { redirectUri: string; now: Date; inviteId?: number },
): Promise<BegunLogin> {
  const config = await providerConfig(organisation);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const cookie = encodeBase32LowerCaseNoPadding(bytes);
  // Round trips abandoned at the provider's page go when the next one begins.
  await deleteExpiredOidcLogins(db, options.now);
  await saveOidcLogin(db, {
    id: idHash(cookie),
    organisationId: organisation.id,
    state,
    nonce,
    codeVerifier,
    inviteId: options.inviteId ?? null,
    expiresAt: new Date(options.now.getTime() + OIDC_LOGIN_MINUTES * 60_000),
  });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri,
    scope: 'openid email',
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { cookie, url: url.href };
}

/** The round trip this browser began, taken once; undefined when unknown or expired. */
export async function takeLogin(db: Db, cookie: string | undefined, now: Date): Promise<OidcLoginRow | undefined> {
  if (!cookie || !/^[a-z2-7]{32}$/.test(cookie)) return undefined;
  return takeOidcLogin(db, idHash(cookie), now);
}

/**
 * Completes the code flow for a round trip: exchanges the code (with the PKCE verifier) and
 * checks the state and the ID token's nonce, signature, issuer and audience. Throws when any
 * check fails.
 */
export async function completeOidcLogin(organisation: OrganisationRow, login: OidcLoginRow, callbackUrl: URL): Promise<OidcClaims> {
  const config = await providerConfig(organisation);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: login.codeVerifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims?.sub) throw new Error('no subject');
  const email = typeof claims.email === 'string' && claims.email_verified === true ? claims.email.toLowerCase() : null;
  return { subject: claims.sub, verifiedEmail: email };
}
