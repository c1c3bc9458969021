// One uncertain address by its item number only (never the address in the URL), asked for fresh
// on every visit. A 403 becomes the "for data stewards" page.
import { error, redirect } from '@sveltejs/kit';
import { ApiRequestError, getAddressReview, isUnauthorized } from '$lib/api.ts';
import { signInPath } from '$lib/sign-in-redirect.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  try {
    return { allowed: true as const, item: await getAddressReview(params.id, fetch) };
  } catch (err) {
    if (isUnauthorized(err)) redirect(303, signInPath(url.pathname));
    if (err instanceof ApiRequestError && err.status === 403) return { allowed: false as const };
    if (err instanceof ApiRequestError && err.status === 404) error(404, 'There is no such address to review.');
    if (err instanceof ApiRequestError && err.code === 'network') {
      error(503, 'Cannot reach mast. Check your signal and try again.');
    }
    error(500, 'mast could not load this address. Please try again.');
  }
};
