// The alerts the user's sharing agreement lets them see, fresh from the server: only for roles
// that look addresses up.
import { error } from '@sveltejs/kit';
import { getPurposes, listAlerts } from '$lib/api.ts';
import { isForbidden, loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

const NOT_FOR_ROLE = 'Your role does not look up addresses under the sharing agreement, so it has no alerts.';

export const load: PageLoad = async ({ fetch, parent, url, depends }) => {
  depends('app:alerts');
  const { session } = await parent();
  try {
    const { purposes } = await getPurposes(session.user.username, fetch);
    if (purposes.length === 0) error(403, NOT_FOR_ROLE);
    return { list: await listAlerts(fetch) };
  } catch (err) {
    if (isForbidden(err)) error(403, NOT_FOR_ROLE);
    loadFailed(err, { here: url.pathname, what: 'the alert list' });
  }
};
