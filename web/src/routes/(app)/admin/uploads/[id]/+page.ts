// One upload and the rows it rejected (row numbers and reasons, never values), a page at a time.
import { error, redirect } from '@sveltejs/kit';
import { ApiRequestError, getUploadRejections, isUnauthorized } from '$lib/api.ts';
import { pageFromQuery } from '$lib/feed-admin.ts';
import { signInPath } from '$lib/sign-in-redirect.ts';
import type { PageLoad } from './$types';

const UPLOAD_ID = /^[1-9]\d{0,15}$/;

export const load: PageLoad = async ({ fetch, params, url }) => {
  if (!UPLOAD_ID.test(params.id)) error(404, 'There is no such upload.');
  const page = pageFromQuery(url.searchParams.get('page'));
  try {
    return { allowed: true as const, result: await getUploadRejections(params.id, page, fetch), now: new Date() };
  } catch (err) {
    if (isUnauthorized(err)) redirect(303, signInPath(url.pathname + url.search));
    if (err instanceof ApiRequestError && err.status === 403) return { allowed: false as const };
    if (err instanceof ApiRequestError && err.status === 404) error(404, 'There is no such upload.');
    if (err instanceof ApiRequestError && err.code === 'network') {
      error(503, 'Cannot reach mast. Check your signal and try again.');
    }
    error(500, 'mast could not load this upload. Please try again.');
  }
};
