// One uncertain address by its item number only (never the address in the URL), asked for fresh
// on every visit. A 403 becomes the "for data stewards" page.
import { getAddressReview } from '$lib/api.ts';
import { isForbidden, loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  try {
    return { allowed: true as const, item: await getAddressReview(params.id, fetch) };
  } catch (err) {
    if (isForbidden(err)) return { allowed: false as const };
    loadFailed(err, { here: url.pathname, what: 'this address', notFound: 'There is no such address to review.' });
  }
};
