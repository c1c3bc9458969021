// Every page in (app) needs a session: without one, go to sign-in and remember the way back.
import { error, redirect } from '@sveltejs/kit';
import { ApiRequestError, getSession, isUnauthorized } from '$lib/api.ts';
import { signInPath } from '$lib/sign-in-redirect.ts';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch, url, untrack, depends }) => {
  depends('app:session');
  // untrack: typing in the search box changes ?q=, which must not re-ask who is signed in.
  const here = untrack(() => url.pathname + url.search);
  try {
    return { session: await getSession(fetch) };
  } catch (err) {
    if (isUnauthorized(err)) redirect(303, signInPath(here));
    if (err instanceof ApiRequestError && err.code === 'network') {
      error(503, 'Cannot reach mast. Check your signal and try again.');
    }
    error(500, 'mast is not answering properly. Please try again in a minute.');
  }
};
