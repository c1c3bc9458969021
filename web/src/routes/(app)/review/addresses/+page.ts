// The queue of uncertain addresses, asked for fresh on every visit: open items, or decided ones
// with ?status=decided. The server decides who may see it; a 403 becomes the "for data stewards" page.
import { listAddressReviews } from '$lib/api.ts';
import { isForbidden, loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const status = url.searchParams.get('status') === 'decided' ? 'decided' : 'open';
  try {
    return { allowed: true as const, status, list: await listAddressReviews(status, fetch), now: new Date() };
  } catch (err) {
    if (isForbidden(err)) return { allowed: false as const, status };
    loadFailed(err, { here: url.pathname + url.search, what: 'the addresses to review' });
  }
};
