// Every page in (app) needs a session: without one, go to sign-in and remember the way back.
import { getSession } from '$lib/api.ts';
import { loadFailed } from '$lib/load-failure.ts';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch, url, untrack, depends }) => {
  depends('app:session');
  // untrack: typing in the search box changes ?q=, which must not re-ask who is signed in.
  const here = untrack(() => url.pathname + url.search);
  try {
    return { session: await getSession(fetch) };
  } catch (err) {
    loadFailed(err, { here, what: 'your session' });
  }
};
