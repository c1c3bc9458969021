// Account administration: the organisation's users and open invitations, asked for fresh on every
// visit. The server decides who may see it; a 403 becomes the "for administrators" page.
import { listAccounts } from '$lib/accounts-api.ts';
import { isForbidden, loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, depends }) => {
  depends('app:accounts');
  try {
    return { allowed: true as const, list: await listAccounts(fetch) };
  } catch (err) {
    if (isForbidden(err)) return { allowed: false as const };
    loadFailed(err, { here: url.pathname, what: 'the accounts' });
  }
};
