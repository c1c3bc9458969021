// One upload and the rows it rejected (row numbers and reasons, never values), a page at a time.
import { error } from '@sveltejs/kit';
import { getUploadRejections } from '$lib/api.ts';
import { pageFromQuery } from '$lib/feed-admin.ts';
import { isForbidden, loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

const UPLOAD_ID = /^[1-9]\d{0,15}$/;
const NO_UPLOAD = 'There is no such upload.';

export const load: PageLoad = async ({ fetch, params, url }) => {
  if (!UPLOAD_ID.test(params.id)) error(404, NO_UPLOAD);
  const page = pageFromQuery(url.searchParams.get('page'));
  try {
    return { allowed: true as const, result: await getUploadRejections(params.id, page, fetch), now: new Date() };
  } catch (err) {
    if (isForbidden(err)) return { allowed: false as const };
    loadFailed(err, { here: url.pathname + url.search, what: 'this upload', notFound: NO_UPLOAD });
  }
};
