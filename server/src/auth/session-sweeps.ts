// Removes sessions past their absolute limit or idle too long. They already stop working at the
// moment they expire (getSession checks both); this keeps the table to live sessions only. Sign-in
// attempt counters quiet for longer than they are remembered go too (a guessed username leaves a
// row). Each process sweeps on its own timer: a delete by time is safe to run twice.
import { deleteExpiredSessions, deleteQuietAttempts, type Database } from '@mast/db';
import type { SessionLimits } from '../config.ts';
import { ACCOUNT_CLIENT_POLICY, GATES } from './login-throttle.ts';

export const SESSION_SWEEP_MS = 10 * 60_000;

/** One sweep: returns the sessions and the attempt counters removed. */
export async function sweepSessions(database: Database, limits: SessionLimits, now: Date): Promise<{ sessions: number; counters: number }> {
  const sessions = await deleteExpiredSessions(database.db, now, limits.idleMinutes * 60);
  const quietSince = new Date(now.getTime() - ACCOUNT_CLIENT_POLICY.forgetSeconds * 1000);
  const counters = await deleteQuietAttempts(database.db, GATES.map((g) => `${g}:`), quietSince);
  return { sessions, counters };
}

export function startSessionSweeps(database: Database, limits: SessionLimits, everyMs = SESSION_SWEEP_MS): { stop: () => void } {
  const sweep = () =>
    sweepSessions(database, limits, new Date()).catch((e: Error) => console.error(`mast: expired sessions could not be removed (${e.name}); will try again.`));
  void sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
