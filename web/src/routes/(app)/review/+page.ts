// The review queue, asked for fresh on every visit: open pairs, or decided ones with
// ?status=decided. The server decides who may see it; a 403 becomes the "for data stewards" page.
import { listReviewPairs } from '$lib/api.ts';
import { isForbidden, loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const status = url.searchParams.get('status') === 'decided' ? 'decided' : 'open';
  try {
    return { allowed: true as const, status, list: await listReviewPairs(status, fetch), now: new Date() };
  } catch (err) {
    if (isForbidden(err)) return { allowed: false as const, status };
    loadFailed(err, { here: url.pathname + url.search, what: 'the review queue' });
  }
};
