// The search page: only for roles the sharing agreement lets look addresses up (the purposes
// they may give); others (administrators, analysts, information governance) see their own links.
import { getPurposes } from '$lib/api.ts';
import { loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { session, offline } = await parent();
  // Offline, only a list kept for a role that looks addresses up opened the app.
  // Finding a person needs mast, so offline it is not offered.
  if (offline) return { looksUp: true, findsPeople: false };
  try {
    const { purposes, findPeople } = await getPurposes(session.user.username, fetch);
    return { looksUp: purposes.length > 0, findsPeople: purposes.length > 0 && findPeople !== 'none' };
  } catch (err) {
    loadFailed(err, { here: url.pathname + url.search, what: 'the search page' });
  }
};
