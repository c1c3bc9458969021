// The monthly partnership report, for a safeguarding board pack: every report of the topics the
// reader may see, over the month and the twelve before it (so each month is read beside the same
// month a year earlier), in one read-only transaction as the mast_reports role.
import type { MonthlyReport, ReportTopic } from '@mast/shared';
import { readAsReports, type Database } from '@mast/db';
import { TOPIC_BUILDERS } from './topics.ts';
import { addMonths, monthName, reportWindow } from './report-window.ts';

/** The month and the twelve before it. */
export const MONTHLY_WINDOW = 13;

export async function buildMonthlyReport(
  database: Pick<Database, 'db'>,
  topics: readonly ReportTopic[],
  now: Date,
  month?: string,
): Promise<{ ok: true; report: MonthlyReport } | { ok: false; message: string }> {
  const lastComplete = addMonths(now.toISOString().slice(0, 7), -1);
  const oldest = addMonths(lastComplete, -35);
  const chosen = month ?? lastComplete;
  if (chosen > lastComplete) return { ok: false, message: `${monthName(chosen)} is not over yet: the latest complete month is ${monthName(lastComplete)}.` };
  if (chosen < oldest) return { ok: false, message: `Reports go back 36 months, to ${monthName(oldest)}.` };
  const window = reportWindow(now, MONTHLY_WINDOW, chosen);
  const reports = await readAsReports(database, async (tx) => {
    const out = [];
    for (const topic of topics) out.push(...(await TOPIC_BUILDERS[topic](tx, window)));
    return out;
  });
  return {
    ok: true,
    report: {
      month: chosen,
      asOf: window.asOf,
      // The report that leads each topic gives the pack its headline.
      headlines: reports.filter((r) => LEADS.has(r.id)).map((r) => r.caption),
      reports,
    },
  };
}

/** The report that leads each topic in the board pack. */
export const LEADS = new Set(['contacts-by-agency', 'partner-share', 'alerts-by-month', 'lookups-by-organisation', 'after-an-alert']);
