// One feed: its state and schedule, and its uploads newest first, a page at a time (?page=N).
import { error } from '@sveltejs/kit';
import { isFeedId } from '@mast/shared/agencies';
import { listFeedUploads, listFeeds } from '$lib/api.ts';
import { pageFromQuery } from '$lib/feed-admin.ts';
import { isForbidden, loadFailed } from '$lib/load-failure.ts';
import type { PageLoad } from './$types';

const NO_FEED = 'mast has no partner feed of that name.';

export const load: PageLoad = async ({ fetch, params, url }) => {
  const feed = params.feed;
  if (!isFeedId(feed)) error(404, NO_FEED);
  const page = pageFromQuery(url.searchParams.get('page'));
  try {
    const [list, uploads] = await Promise.all([listFeeds(fetch), listFeedUploads(feed, page, fetch)]);
    const overview = list.feeds.find((f) => f.feed === feed);
    if (!overview) error(404, NO_FEED);
    return { allowed: true as const, overview, uploads, now: new Date(list.generatedAt) };
  } catch (err) {
    if (isForbidden(err)) return { allowed: false as const };
    loadFailed(err, { here: url.pathname + url.search, what: 'this feed' });
  }
};
