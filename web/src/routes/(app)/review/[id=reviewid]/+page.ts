// One pair in the review queue, by its id only (never names or dates of birth in the URL), asked
// for fresh on every visit. A 403 becomes the "for data stewards" page.
import { error, redirect } from '@sveltejs/kit';
import { ApiRequestError, getReviewPair, isUnauthorized } from '$lib/api.ts';
import { signInPath } from '$lib/sign-in-redirect.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  try {
    return { allowed: true as const, pair: await getReviewPair(params.id, fetch) };
  } catch (err) {
    if (isUnauthorized(err)) redirect(303, signInPath(url.pathname));
    if (err instanceof ApiRequestError && err.status === 403) return { allowed: false as const };
    if (err instanceof ApiRequestError && err.status === 404) error(404, 'There is no such pair to review.');
    if (err instanceof ApiRequestError && err.code === 'network') {
      error(503, 'Cannot reach mast. Check your signal and try again.');
    }
    error(500, 'mast could not load this pair. Please try again.');
  }
};
