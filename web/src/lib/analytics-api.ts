// The analytics API for the partnership's trend pages. The server decides which topics a role may
// read (the sharing agreement's `reports`); these only ask.
import type { MonthlyReport, ReportTopic, ReportTopicsResponse, TopicReports } from '@mast/shared';
import { request } from './api.ts';

type Fetch = typeof fetch;

/** The topics this viewer may read: an empty list for roles without analytics. */
export function getAnalyticsTopics(fetch?: Fetch): Promise<ReportTopicsResponse> {
  return request('/api/analytics', { ...(fetch && { fetch }) });
}

/** One topic's reports over the last `months` complete months (1 to 36). */
export function getTopicReports(topic: ReportTopic, months: number, fetch?: Fetch): Promise<TopicReports> {
  const params = new URLSearchParams({ months: String(months) });
  return request(`/api/analytics/${encodeURIComponent(topic)}?${params}`, { ...(fetch && { fetch }) });
}

/** The monthly partnership report for a month (YYYY-MM), or for the last complete month. */
export function getMonthlyReport(month: string | null, fetch?: Fetch): Promise<MonthlyReport> {
  const query = month ? `?${new URLSearchParams({ month })}` : '';
  return request(`/api/analytics/monthly${query}`, { ...(fetch && { fetch }) });
}
