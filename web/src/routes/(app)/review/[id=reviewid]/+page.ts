// One pair in the review queue, by its id only (never names or dates of birth in the URL), asked
// for fresh on every visit. A 403 becomes the "for data stewards" page.
import { getReviewPair } from '$lib/api.ts';
import { isForbidden, loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  try {
    return { allowed: true as const, pair: await getReviewPair(params.id, fetch) };
  } catch (err) {
    if (isForbidden(err)) return { allowed: false as const };
    loadFailed(err, { here: url.pathname, what: 'this pair', notFound: 'There is no such pair to review.' });
  }
};
