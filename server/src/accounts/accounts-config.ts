// Settings of accounts and invitations, from the environment, checked: a bad value is refused
// rather than read as NaN.

export const DEFAULT_INVITE_HOURS = 72;

/** How long an invitation link stays usable (MAST_INVITE_HOURS, default 72). */
export function inviteHours(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.MAST_INVITE_HOURS;
  if (value === undefined || value === '') return DEFAULT_INVITE_HOURS;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 24 * 30) throw new Error(`MAST_INVITE_HOURS must be a whole number of hours from 1 to 720 (it is "${value}")`);
  return n;
}

/** The origin people reach mast at (MAST_PUBLIC_URL), for links and the sign-on callback; undefined when not set. */
export function publicOrigin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.MAST_PUBLIC_URL;
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('MAST_PUBLIC_URL must be an http(s) URL such as https://mast.example.org');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('MAST_PUBLIC_URL must be an http(s) URL such as https://mast.example.org');
  return url.origin;
}

/** Where the command line's links point when MAST_PUBLIC_URL is not set: the server's default address. */
export const DEFAULT_PUBLIC_ORIGIN = 'http://127.0.0.1:3000';
