// One address's summary, asked for fresh on every visit (data is never cached in this version).
// An outdated answer is asked for again by the page itself when it comes back into view (see
// +page.svelte), so that a failure then keeps the result on screen.
import { error, redirect } from '@sveltejs/kit';
import { ApiRequestError, getAddress, isUnauthorized } from '$lib/api.ts';
import { signInPath } from '$lib/sign-in-redirect.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  try {
    return { summary: await getAddress(params.uprn, fetch) };
  } catch (err) {
    if (isUnauthorized(err)) redirect(303, signInPath(url.pathname));
    if (err instanceof ApiRequestError && err.status === 404) error(404, 'mast has no address with that reference.');
    if (err instanceof ApiRequestError && err.code === 'network') {
      error(503, 'Cannot reach mast. Check your signal and try again.');
    }
    error(500, 'mast could not load this address. Please try again.');
  }
};
