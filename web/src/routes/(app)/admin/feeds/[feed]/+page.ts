// One feed: its state and schedule, and its uploads newest first, a page at a time (?page=N).
import { error, redirect } from '@sveltejs/kit';
import { isFeedId } from '@mast/shared/agencies';
import { ApiRequestError, isUnauthorized, listFeedUploads, listFeeds } from '$lib/api.ts';
import { pageFromQuery } from '$lib/feed-admin.ts';
import { signInPath } from '$lib/sign-in-redirect.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  const feed = params.feed;
  if (!isFeedId(feed)) error(404, 'mast has no partner feed of that name.');
  const page = pageFromQuery(url.searchParams.get('page'));
  try {
    const [list, uploads] = await Promise.all([listFeeds(fetch), listFeedUploads(feed, page, fetch)]);
    const overview = list.feeds.find((f) => f.feed === feed);
    if (!overview) error(404, 'mast has no partner feed of that name.');
    return { allowed: true as const, overview, uploads, now: new Date(list.generatedAt) };
  } catch (err) {
    if (isUnauthorized(err)) redirect(303, signInPath(url.pathname + url.search));
    if (err instanceof ApiRequestError && err.status === 403) return { allowed: false as const };
    if (err instanceof ApiRequestError && err.code === 'network') {
      error(503, 'Cannot reach mast. Check your signal and try again.');
    }
    if (err instanceof ApiRequestError) error(500, 'mast could not load this feed. Please try again.');
    throw err;
  }
};
