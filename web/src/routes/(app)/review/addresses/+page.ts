// The queue of uncertain addresses, asked for fresh on every visit: open items, or decided ones
// with ?status=decided. The server decides who may see it; a 403 becomes the "for data stewards" page.
import { error, redirect } from '@sveltejs/kit';
import { ApiRequestError, isUnauthorized, listAddressReviews } from '$lib/api.ts';
import { signInPath } from '$lib/sign-in-redirect.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const status = url.searchParams.get('status') === 'decided' ? 'decided' : 'open';
  try {
    return { allowed: true as const, status, list: await listAddressReviews(status, fetch), now: new Date() };
  } catch (err) {
    if (isUnauthorized(err)) redirect(303, signInPath(url.pathname + url.search));
    if (err instanceof ApiRequestError && err.status === 403) return { allowed: false as const, status };
    if (err instanceof ApiRequestError && err.code === 'network') {
      error(503, 'Cannot reach mast. Check your signal and try again.');
    }
    error(500, 'mast could not load the addresses to review. Please try again.');
  }
};
