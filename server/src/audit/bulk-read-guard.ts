// Bulk reading is slowed and flagged. Each user's views of address summaries, person pages and
// review items in the minute are counted in the database by the statement that writes the view's
// audit entry, and read with the session (so every server process counts against one limit, and
// counting costs no round trip of its own); past their role's limit each further view waits a
// little longer than the last, and the first view over the limit in a burst leaves one
// 'bulk-reading' audit entry for the information governance officer. Never refuses: an officer on
// a big incident still gets answers, only slower, and someone is told.
import { createMiddleware } from 'hono/factory';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROLES, type Role } from '@mast/shared';
import { hitRateLimit, recordAudit, type Database } from '@mast/db';
import { auditContext } from '../http/audit-context.ts';
import type { AppEnv } from '../http/with-auth.ts';

export interface BulkReadOptions {
  /** Views a minute each role may make at full speed. */
  limits: Record<Role, number>;
  /** The wait added for each view over the limit in the minute, up to maxDelayMs. */
  stepMs: number;
  maxDelayMs: number;
  /** A burst that carries on is flagged again after this long. */
  burstSeconds: number;
  now: () => Date;
}

/** Front-line roles read a handful of addresses an hour; stewards read review items in runs. */
export const DEFAULT_BULK_READ_LIMITS: Record<Role, number> = {
  responder: 20,
  practitioner: 30,
  supervisor: 30,
  'data-steward': 60,
  'ig-officer': 20,
  analyst: 20,
  admin: 20,
};

/** MAST_BULK_READ_LIMITS="responder=20,data-steward=60": the roles named change, the rest keep their defaults. */
export function bulkReadLimits(value: string | undefined): Record<Role, number> {
  const limits = { ...DEFAULT_BULK_READ_LIMITS };
  if (!value) return limits;
  for (const part of value.split(',')) {
    const [role, n] = part.split('=').map((s) => s.trim());
    if (!ROLES.includes(role as Role) || !/^\d{1,6}$/.test(n ?? '') || Number(n) < 1) {
      throw new Error(`MAST_BULK_READ_LIMITS must be role=views,... with roles among ${ROLES.join(', ')} and whole numbers above 0`);
    }
    limits[role as Role] = Number(n);
  }
  return limits;
}

/** The wait for the view numbered `count` in the minute. */
export function bulkReadDelayMs(count: number, limit: number, opts: Pick<BulkReadOptions, 'stepMs' | 'maxDelayMs'>): number {
  return count <= limit ? 0 : Math.min(opts.maxDelayMs, (count - limit) * opts.stepMs);
}

export function withBulkReadGuard(database: Database, options: Partial<BulkReadOptions> = {}) {
  const opts: BulkReadOptions = {
    limits: options.limits ?? DEFAULT_BULK_READ_LIMITS,
    stepMs: options.stepMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 5000,
    burstSeconds: options.burstSeconds ?? 600,
    now: options.now ?? (() => new Date()),
  };
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const session = c.get('session');
    const now = opts.now();
    // This view is the next after those counted when the session was read.
    const count = session.viewsThisMinute + 1;
    const limit = opts.limits[session.role as Role] ?? DEFAULT_BULK_READ_LIMITS.responder;
    const delay = bulkReadDelayMs(count, limit, opts);
    if (delay > 0) {
      // One entry per burst: the first view over the limit in each window of burstSeconds.
      const windowStart = new Date(Math.floor(now.getTime() / (opts.burstSeconds * 1000)) * opts.burstSeconds * 1000);
      const burst = await hitRateLimit(database.db, `bulk-read-burst:${session.userId}`, windowStart);
      if (burst === 1) {
        await recordAudit(database.db, {
          ...auditContext(c),
          action: 'bulk-reading',
          subjectKind: 'user',
          subjectId: String(session.userId),
          detail: { viewsThisMinute: count, limitPerMinute: limit },
        });
      }
      await sleep(delay);
    }
    await next();
  });
}
