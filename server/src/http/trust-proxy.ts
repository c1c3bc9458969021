// Whether mast sits behind a proxy whose X-Forwarded-* headers it believes (MAST_TRUST_PROXY=1,
// read by readConfig and passed to createApp). Set on every request by the app, so that the
// helpers that read a client's address or scheme need no setting of their own.
import type { Context, MiddlewareHandler } from 'hono';

type TrustEnv = { Variables: { trustProxy?: boolean } };

export function withTrustProxy(trustProxy: boolean): MiddlewareHandler {
  return async (c, next) => {
    (c as Context<TrustEnv>).set('trustProxy', trustProxy);
    await next();
  };
}

/** False unless the app was told to trust a proxy (and for a request outside the app). */
export function trustsProxy(c: Context): boolean {
  return (c as Context<TrustEnv>).get('trustProxy') === true;
}
