// One address's summary, asked for fresh on every visit (data is never cached in this version),
// and again when the page comes back into view with an outdated answer (see +page.svelte).
import { error, redirect } from '@sveltejs/kit';
import { ApiRequestError, getAddress, isUnauthorized } from '$lib/api.ts';
import { signInPath } from '$lib/sign-in-redirect.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url, depends }) => {
  depends('app:address');
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
