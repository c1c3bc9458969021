// What a page's load does when the API did not give it what it asked for, said once for every
// page: no session goes to sign-in (remembering the way back), a missing thing is "not found", no
// answer at all is "cannot reach mast" (which the error page retries by itself when the signal
// returns), anything else is an error the person can retry. Kit's own redirects and errors pass.
import { error, isHttpError, isRedirect, redirect } from '@sveltejs/kit';
import { ApiRequestError, isUnauthorized } from '$lib/api.ts';
import { signInPath } from '$lib/sign-in-redirect.ts';

export const NO_SIGNAL = 'Cannot reach mast. Check your signal: mast tries again by itself when it returns.';

export interface LoadFailureOptions {
  /** The path (and query) to come back to after signing in. */
  here: string;
  /** What could not be loaded, as in "mast could not load <what>". */
  what: string;
  /** The message for a 404, when the page has one (else a 404 is an error like any other). */
  notFound?: string;
}

/** The API refused the person's role: the page says whom it is for rather than failing. */
export function isForbidden(err: unknown): boolean {
  return err instanceof ApiRequestError && err.status === 403;
}

/**
 * The server refused the purpose given (no longer one the user may give, or a reference missing):
 * its message, for the page to ask for the purpose again saying why; null for any other failure.
 */
export function purposeRefusal(err: unknown): string | null {
  return err instanceof ApiRequestError && err.code === 'purpose-required' ? err.message : null;
}

export function loadFailed(err: unknown, { here, what, notFound }: LoadFailureOptions): never {
  if (isHttpError(err) || isRedirect(err)) throw err;
  if (isUnauthorized(err)) redirect(303, signInPath(here));
  if (notFound && err instanceof ApiRequestError && err.status === 404) error(404, notFound);
  if (err instanceof ApiRequestError && err.code === 'network') error(503, { message: NO_SIGNAL, network: true });
  error(500, `mast could not load ${what}. Please try again.`);
}

/**
 * Loads a page the server may refuse the person's role: `{ allowed: true, ...what load returned }`,
 * or `{ allowed: false }` on a 403 for the page to say whom it is for; any other failure as
 * loadFailed says.
 */
export async function loadUnlessForbidden<T extends object>(load: () => Promise<T>, options: LoadFailureOptions): Promise<({ allowed: true } & T) | { allowed: false }> {
  try {
    return { allowed: true as const, ...(await load()) };
  } catch (err) {
    if (isForbidden(err)) return { allowed: false as const };
    loadFailed(err, options);
  }
}
