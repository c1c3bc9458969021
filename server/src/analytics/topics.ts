// Which reports make up each topic, and reading a topic: every report of it in one read-only
// transaction as the mast_reports role (db/src/queries/reports/report-role.ts).
import { REPORT_TOPIC_TITLES, type Report, type ReportTopic, type TopicReports } from '@mast/shared';
import { readAsReports, type Database, type Db } from '@mast/db';
import { demandReports } from './demand-reports.ts';
import { partnerReports } from './partner-reports.ts';
import { alertReports } from './alert-reports.ts';
import { useReports } from './use-reports.ts';
import { impactReports } from './impact-reports.ts';
import { reportWindow, type ReportWindow } from './report-window.ts';

export type TopicBuilder = (tx: Db, window: ReportWindow) => Promise<Report[]>;

export const TOPIC_BUILDERS: Record<ReportTopic, TopicBuilder> = {
  demand: demandReports,
  partners: partnerReports,
  alerts: alertReports,
  use: useReports,
  impact: impactReports,
};

export async function readTopic(database: Pick<Database, 'db'>, topic: ReportTopic, now: Date, months: number): Promise<TopicReports> {
  const window = reportWindow(now, months);
  const reports = await readAsReports(database, (tx) => TOPIC_BUILDERS[topic](tx, window));
  return { topic, title: REPORT_TOPIC_TITLES[topic], from: window.from, to: window.to, asOf: window.asOf, reports };
}
