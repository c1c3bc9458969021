// Audit entries for signing in and the account's security: who, from which client, in which
// session; never a password, a code or a recovery code.
import { recordAudit, type Db, type UserRow } from '@mast/db';
import type { Context } from 'hono';
import { clientAddress, sessionRefOf } from '../http/audit-context.ts';

export async function auditSignIn(
  db: Db,
  c: Context,
  action: string,
  user: Pick<UserRow, 'id' | 'organisationId' | 'role'> | undefined,
  extra: { sessionId?: string; detail?: Record<string, unknown> } = {},
): Promise<void> {
  await recordAudit(db, {
    userId: user?.id ?? null,
    organisationId: user?.organisationId ?? null,
    role: user?.role ?? null,
    action,
    client: clientAddress(c),
    sessionRef: extra.sessionId ? sessionRefOf(extra.sessionId) : null,
    detail: extra.detail ?? null,
  });
}
