// Who is asking, for the audit trail: the signed-in user, their organisation and role, the
// client's address and a reference to the session. The session reference is a hash of the
// session's id, so the audit trail can group a session's entries without holding anything that
// could be turned back into a way in.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import type { AppEnv } from './with-auth.ts';
import { trustsProxy } from './trust-proxy.ts';

export interface AuditContext {
  userId: number;
  organisationId: number;
  role: string;
  client: string;
  sessionRef: string;
}

/** The client's address as the socket saw it; a proxy's forwarded address only when MAST_TRUST_PROXY=1 says there is one. */
export function clientAddress(c: Context): string {
  if (trustsProxy(c)) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Requests made in-process (app.request in tests) have no socket.
    return 'in-process';
  }
}

export function sessionRefOf(sessionId: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(`audit:${sessionId}`))).slice(0, 16);
}

export function auditContext(c: Context<AppEnv>): AuditContext {
  const s = c.get('session');
  return { userId: s.userId, organisationId: s.organisationId, role: s.role, client: clientAddress(c), sessionRef: sessionRefOf(s.sessionId) };
}
