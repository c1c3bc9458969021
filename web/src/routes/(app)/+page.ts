// The search page: only for roles the sharing agreement lets look addresses up (the purposes
// they may give); others (administrators, analysts, information governance) see their own links.
import { getPurposes } from '$lib/api.ts';
import { loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { session, offline } = await parent();
  // Offline, only a list kept for a role that looks addresses up opened the app.
  if (offline) return { looksUp: true };
  try {
    const { purposes } = await getPurposes(session.user.username, fetch);
    return { looksUp: purposes.length > 0 };
  } catch (err) {
    loadFailed(err, { here: url.pathname + url.search, what: 'the search page' });
  }
};
