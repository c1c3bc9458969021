// Where to send a signed-out person, and where to send them back to. The return path only ever
// holds our own paths (and the address search text), never names or dates of birth.

/** The sign-in page, remembering the path the person was going to. */
export function signInPath(next: string): string {
  const target = safeNext(next);
  return target === '/' ? '/login' : `/login?next=${encodeURIComponent(target)}`;
}

/** A same-origin path to return to after sign-in; anything else (other sites, //host) becomes "/". */
export function safeNext(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if (raw === '/login' || raw.startsWith('/login?') || raw.startsWith('/api/')) return '/';
  return raw;
}
