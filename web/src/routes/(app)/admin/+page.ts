// The feed admin view: every partner feed's state, asked for fresh on every visit. The server
// decides who may see it; a 403 becomes the "for data stewards" page.
import { listFeeds } from '$lib/api.ts';
import { isForbidden, loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  try {
    return { allowed: true as const, list: await listFeeds(fetch) };
  } catch (err) {
    if (isForbidden(err)) return { allowed: false as const };
    loadFailed(err, { here: url.pathname, what: 'the partner feeds' });
  }
};
