// The account's security page. Outside (app): an account that must set up a second factor before
// it may use mast comes here with a session that opens nothing else.
import { getAccountSecurity } from '$lib/api.ts';
import { loadFailed } from '$lib/load-failure.ts';
import { safeNext } from '$lib/sign-in-redirect.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const next = safeNext(url.searchParams.get('next'));
  try {
    return { security: await getAccountSecurity(fetch), next };
  } catch (err) {
    loadFailed(err, { here: url.pathname, what: 'your account' });
  }
};
