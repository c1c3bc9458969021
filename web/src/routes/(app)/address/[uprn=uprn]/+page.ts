// One address's summary, asked for fresh on every visit (data is never cached in this version).
// An outdated answer is asked for again by the page itself when it comes back into view (see
// +page.svelte), so that a failure then keeps the result on screen.
import { getAddress } from '$lib/api.ts';
import { loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  try {
    return { summary: await getAddress(params.uprn, fetch) };
  } catch (err) {
    loadFailed(err, { here: url.pathname, what: 'this address', notFound: 'mast has no address with that reference.' });
  }
};
