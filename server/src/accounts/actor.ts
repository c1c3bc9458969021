// Who does an administrative action, for its audit entry: a signed-in administrator (through the
// API) or the operator at the command line (no user; the detail says via 'cli').
import type { AuditEntry } from '@mast/db';

export interface Actor {
  /** null at the command line */
  userId: number | null;
  organisationId: number | null;
  role: string | null;
  client: string | null;
  sessionRef: string | null;
  via: 'api' | 'cli';
}

export const CLI_ACTOR: Actor = { userId: null, organisationId: null, role: null, client: null, sessionRef: null, via: 'cli' };

/** The audit entry of an action on a subject; detail holds codes only (roles, reasons), never a password or token. */
export function auditOf(actor: Actor, action: string, subjectKind: string, subjectId: number | string, detail: Record<string, unknown> = {}): AuditEntry {
  return {
    userId: actor.userId,
    organisationId: actor.organisationId,
    role: actor.role,
    client: actor.client,
    sessionRef: actor.sessionRef,
    action,
    subjectKind,
    subjectId: String(subjectId),
    detail: actor.via === 'cli' ? { ...detail, via: 'cli' } : detail,
  };
}
