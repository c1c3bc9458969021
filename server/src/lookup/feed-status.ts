// One feed's freshness as the API reports it, everywhere (a lookup, the feed admin view): the
// state by the feed's schedule, its times, and the words a person reads, all in UK time.
import { AGENCIES, describeFreshness, feedFreshness, type FeedId, type FeedStatus } from '@mast/shared';

export function feedStatus(feed: FeedId, lastDelivery: Date | undefined, now: Date): FeedStatus {
  const freshness = feedFreshness(AGENCIES[feed].schedule, lastDelivery, now);
  return {
    state: freshness.state,
    asOf: freshness.asOf?.toISOString() ?? null,
    lateSince: freshness.lateSince?.toISOString() ?? null,
    expectedBy: freshness.expectedBy?.toISOString() ?? null,
    text: describeFreshness(AGENCIES[feed].name, freshness, now),
  };
}
