// One topic's trend reports over the period in the URL (?months=12, 24 or 36; 36 by default).
// The server refuses a topic the viewer's role may not read; the page then says so.
import type { ReportTopic } from '@mast/shared';
import { getTopicReports } from '$lib/analytics-api.ts';
import { monthsFrom } from '$lib/analytics.ts';
import { loadUnlessForbidden } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  // The route's matcher let only a topic through.
  const topic = params.topic as ReportTopic;
  const months = monthsFrom(url.searchParams);
  const loaded = await loadUnlessForbidden(async () => ({ reports: await getTopicReports(topic, months, fetch) }), {
    here: url.pathname + url.search,
    what: 'these reports',
  });
  return { topic, months, ...loaded };
};
