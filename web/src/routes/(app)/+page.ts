// The search page: only for roles the sharing agreement lets look addresses up (the purposes
// they may give); others (administrators, analysts, information governance) see their own links.
// The link to the trend reports shows when the API lists topics this viewer may read.
import { getAnalyticsTopics } from '$lib/analytics-api.ts';
import { getPurposes } from '$lib/api.ts';
import { loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { session, offline } = await parent();
  // Offline, only a list kept for a role that looks addresses up opened the app.
  // Finding a person needs mast, so offline it is not offered.
  if (offline) return { looksUp: true, findsPeople: false, readsAnalytics: false };
  // Without the list the page still works: the link is left out, never the search.
  const analytics = getAnalyticsTopics(fetch).catch(() => ({ topics: [] }));
  try {
    const [{ purposes, findPeople }, { topics }] = await Promise.all([getPurposes(session.user.username, fetch), analytics]);
    return { looksUp: purposes.length > 0, findsPeople: purposes.length > 0 && findPeople !== 'none', readsAnalytics: topics.length > 0 };
  } catch (err) {
    loadFailed(err, { here: url.pathname + url.search, what: 'the search page' });
  }
};
