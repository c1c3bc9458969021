// Links newly written audit entries into the hash chain, a few times a second, in every server
// process: the first to take the chain head does the work and the others find it taken and wait
// for the next tick (nothing is chained twice; the head moves on once). An entry is already
// committed when its view is answered; what the chainer adds, well under a second later, is the
// link that makes an edit or a deletion detectable. A process that stops leaves its entries to
// the others, or to the next start.
import { AUDIT_CHAIN_BATCH, chainPendingAudit, type Database } from '@mast/db';

export const AUDIT_CHAIN_EVERY_MS = 200;

export function startAuditChainer(database: Database, everyMs = AUDIT_CHAIN_EVERY_MS): { stop: () => Promise<void> } {
  let running: Promise<void> | undefined;
  let failing = false;
  const tick = () => {
    if (running) return;
    running = (async () => {
      try {
        // A backlog (a restart after a long stop) is chained a batch at a time until none is left.
        while ((await chainPendingAudit(database.db)) === AUDIT_CHAIN_BATCH);
        failing = false;
      } catch (e) {
        if (!failing) console.error(`mast: audit entries could not be chained yet (${(e as Error).name}); will try again.`);
        failing = true;
      } finally {
        running = undefined;
      }
    })();
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      // What was written up to the stop is chained before the database closes.
      await chainPendingAudit(database.db).catch(() => {});
    },
  };
}
