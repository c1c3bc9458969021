// A supervisor's organisation's break-glass uses, fresh on every visit. The server decides who
// may see them; a 403 becomes the "for supervisors" page.
import { listBreakGlass } from '$lib/api.ts';
import { isForbidden, loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, depends }) => {
  depends('app:break-glass');
  try {
    return { allowed: true as const, list: await listBreakGlass(fetch) };
  } catch (err) {
    if (isForbidden(err)) return { allowed: false as const };
    loadFailed(err, { here: url.pathname, what: 'the break-glass uses' });
  }
};
