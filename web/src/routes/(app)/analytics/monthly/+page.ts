// The monthly partnership report for a safeguarding board pack: the month in the URL
// (?month=YYYY-MM), or the last complete month as the server reckons it.
import { getMonthlyReport } from '$lib/analytics-api.ts';
import { monthFrom } from '$lib/analytics.ts';
import { loadUnlessForbidden } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const month = monthFrom(url.searchParams);
  return loadUnlessForbidden(async () => ({ report: await getMonthlyReport(month, fetch) }), {
    here: url.pathname + url.search,
    what: 'the monthly report',
  });
};
