// The feed admin view: every partner feed's state, asked for fresh on every visit. The server
// decides who may see it; a 403 becomes the "for data stewards" page.
import { error, redirect } from '@sveltejs/kit';
import { ApiRequestError, isUnauthorized, listFeeds } from '$lib/api.ts';
import { signInPath } from '$lib/sign-in-redirect.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  try {
    return { allowed: true as const, list: await listFeeds(fetch) };
  } catch (err) {
    if (isUnauthorized(err)) redirect(303, signInPath(url.pathname));
    if (err instanceof ApiRequestError && err.status === 403) return { allowed: false as const };
    if (err instanceof ApiRequestError && err.code === 'network') {
      error(503, 'Cannot reach mast. Check your signal and try again.');
    }
    error(500, 'mast could not load the partner feeds. Please try again.');
  }
};
