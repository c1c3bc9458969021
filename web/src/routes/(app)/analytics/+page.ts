// The partnership's trend reports: the topics this viewer may read (the server decides, by the
// sharing agreement), and the period to read them over, kept in the URL.
import { getAnalyticsTopics } from '$lib/analytics-api.ts';
import { monthsFrom } from '$lib/analytics.ts';
import { loadUnlessForbidden } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const months = monthsFrom(url.searchParams);
  return loadUnlessForbidden(async () => ({ months, topics: (await getAnalyticsTopics(fetch)).topics }), {
    here: url.pathname + url.search,
    what: 'the trend reports',
  });
};
