// The audit trail for the information governance officer: unusual patterns, and a search whose
// fields live in the URL (ids, codes and dates only). Every load is audited by the server.
import { getAuditFlags, searchAudit } from '$lib/audit-api.ts';
import { hasSearch, searchFieldsOf } from '$lib/audit.ts';
import { isForbidden, loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const fields = searchFieldsOf(url.searchParams);
  const before = Number(url.searchParams.get('before')) || null;
  try {
    const [flags, results] = await Promise.all([
      getAuditFlags(fetch),
      hasSearch(fields) ? searchAudit(fields, before, fetch) : Promise.resolve(null),
    ]);
    return { allowed: true as const, fields, before, flags, results };
  } catch (err) {
    if (isForbidden(err)) return { allowed: false as const };
    loadFailed(err, { here: url.pathname + url.search, what: 'the audit trail' });
  }
};
