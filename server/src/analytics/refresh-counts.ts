// Making the report counts again from a job: a failure is logged and left for the next run (the
// job's own work is done and must not be undone by it).
import { refreshReportCounts, type Database } from '@mast/db';

export async function refreshCounts(database: Pick<Database, 'db'>, now: Date, log: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  try {
    await refreshReportCounts(database.db, now);
    log(`report counts made in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  } catch (e) {
    log(`report counts not made (${(e as Error).name}): the reports show the previous counts`);
  }
}
