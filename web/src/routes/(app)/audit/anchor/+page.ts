// The audit chain's latest anchor, for the administrator to copy out of mast (and for the
// information governance officer). The server decides who may see it.
import { getAuditAnchor } from '$lib/audit-api.ts';
import { isForbidden, loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  try {
    return { allowed: true as const, anchor: await getAuditAnchor(fetch) };
  } catch (err) {
    if (isForbidden(err)) return { allowed: false as const };
    loadFailed(err, { here: url.pathname, what: 'the audit anchor' });
  }
};
