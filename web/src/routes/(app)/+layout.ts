// Every page in (app) needs a session: without one, go to sign-in and remember the way back.
// With no signal, a phone that keeps an alert list opens for the user it was given to, offline:
// the search box searches the list (and says so); nothing else is shown without mast.
import { ApiRequestError, getSession } from '$lib/api.ts';
import { loadFailed } from '$lib/load-failure.ts';
import { readAlertList } from '$lib/offline/alert-list-store.ts';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch, url, untrack, depends }) => {
  depends('app:session');
  // untrack: typing in the search box changes ?q=, which must not re-ask who is signed in.
  const here = untrack(() => url.pathname + url.search);
  try {
    return { session: await getSession(fetch), offline: false };
  } catch (err) {
    if (err instanceof ApiRequestError && err.code === 'network') {
      const kept = await readAlertList(new Date()).catch(() => ({ state: 'none' }) as const);
      if (kept.state === 'kept' && kept.list.user) return { session: { user: kept.list.user, expiresAt: kept.list.expiresAt }, offline: true };
    }
    loadFailed(err, { here, what: 'your session' });
  }
};
