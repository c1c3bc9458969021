// Who from another organisation looked at addresses where the user's team leads an open case.
import { listNotifications } from '$lib/api.ts';
import { loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, depends }) => {
  depends('app:notifications');
  try {
    return { list: await listNotifications(fetch) };
  } catch (err) {
    loadFailed(err, { here: url.pathname, what: 'your notifications' });
  }
};
