// The monthly partnership report for a safeguarding board pack: the month in the URL
// (?month=YYYY-MM), or the last complete month as the server reckons it.
import { getMonthlyReport } from '$lib/analytics-api.ts';
import { monthFrom } from '$lib/analytics.ts';
import { ApiRequestError } from '$lib/api.ts';
import { isForbidden, loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const month = monthFrom(url.searchParams);
  try {
    return { allowed: true as const, month, problem: null, report: await getMonthlyReport(month, fetch) };
  } catch (err) {
    if (isForbidden(err)) return { allowed: false as const };
    // A month not yet complete, or older than the months kept: the page says so beside the picker.
    if (err instanceof ApiRequestError && err.status === 400) return { allowed: true as const, month, problem: err.message, report: null };
    loadFailed(err, { here: url.pathname + url.search, what: 'the monthly report' });
  }
};
