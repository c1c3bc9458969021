// Removes sessions past their absolute limit or idle too long. They already stop working at the
// moment they expire (getSession checks both); this keeps the table to live sessions only. Each
// process sweeps on its own timer: a delete by time is safe to run twice.
import { deleteExpiredSessions, type Database } from '@mast/db';
import type { SessionLimits } from '../config.ts';

export const SESSION_SWEEP_MS = 10 * 60_000;

export function startSessionSweeps(database: Database, limits: SessionLimits, everyMs = SESSION_SWEEP_MS): { stop: () => void } {
  const sweep = () =>
    deleteExpiredSessions(database.db, new Date(), limits.idleMinutes * 60).catch((e: Error) =>
      console.error(`mast: expired sessions could not be removed (${e.name}); will try again.`),
    );
  void sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
