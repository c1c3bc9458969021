// An address result read against the clock now, not the clock when the server answered: a page
// left open, or a PWA resumed the next night, must never go on saying "Police data as of 06:10
// today" with no warning. Feed status is worked out again on the phone by the function the
// server uses (feedStatus in @mast/shared), and the page says when it was looked up.
// Pure functions with `now` passed in; never asks the network (the page decides when to).
import type { AddressSummary, FeedStatus, Involvement } from '@mast/shared';
import { feedStatus } from '@mast/shared/feed-freshness';
import { formatWhen } from './format.ts';

/** A result older than this is asked for again when the page comes back into view. */
export const REFRESH_AFTER_MS = 5 * 60_000;

/**
 * The time to read a result at: the phone's clock, but never before the server answered, so a
 * phone whose clock runs slow cannot make data look fresher than the server said it was.
 */
export function readingTime(generatedAt: string, phoneNow: number): Date {
  const answered = Date.parse(generatedAt);
  return new Date(Number.isNaN(answered) ? phoneNow : Math.max(answered, phoneNow));
}

/** Whether a result is old enough to be asked for again. */
export function isOutdated(generatedAt: string, now: Date): boolean {
  const answered = Date.parse(generatedAt);
  return Number.isNaN(answered) || now.getTime() - answered > REFRESH_AFTER_MS;
}

/** One agency's feed status at `now`: state, times and words as the server would give them then. */
export function feedStatusAt(involvement: Pick<Involvement, 'agency' | 'feed'>, now: Date): FeedStatus {
  const { feed } = involvement;
  const asOf = feed.asOf === null ? null : new Date(feed.asOf);
  if (asOf !== null && Number.isNaN(asOf.getTime())) return feed;
  const status = feedStatus(involvement.agency, asOf, now);
  // Time only makes data staler. Should this app's schedules ever differ from the server's (an
  // older cached app), keep the server's warning rather than clear it.
  if (status.state === 'fresh' && feed.state !== 'fresh') return feed;
  return status;
}

function involvementAt(involvement: Involvement, now: Date): Involvement {
  return { ...involvement, feed: feedStatusAt(involvement, now) };
}

/** Agency lines (a person's page) with every feed status read at `now`. */
export function involvementsAt(agencies: readonly Involvement[], now: Date): Involvement[] {
  return agencies.map((involvement) => involvementAt(involvement, now));
}

/** The whole result with every feed status (agencies and each person's lines) read at `now`. */
export function summaryAt(summary: AddressSummary, now: Date): AddressSummary {
  return {
    ...summary,
    agencies: summary.agencies.map((involvement) => involvementAt(involvement, now)),
    people: summary.people.map((person) => ({
      ...person,
      agencies: person.agencies.map((involvement) => involvementAt(involvement, now)),
    })),
  };
}

/** idle: nothing under way; updating: asked again, answer awaited; offline: the phone has no
 * network; unreachable: asked again, but mast did not answer (weak signal, a server fault). */
export type RefreshState = 'idle' | 'updating' | 'offline' | 'unreachable';

const REFRESH_WORDS: Record<Exclude<RefreshState, 'idle'>, string> = {
  updating: 'Updating…',
  offline: 'Offline: it may have changed since.',
  unreachable: 'Could not reach mast to update it: it may have changed since.',
};

/**
 * "Looked up at 06:10 today". An outdated result being asked for again, or that cannot be, is a
 * warning: "Looked up at 21:45 yesterday. Updating…", "... Offline: it may have changed since."
 * or "... Could not reach mast to update it: ...". (The page asks again only when it comes back
 * into view: every lookup is audited, so an open page does not poll.)
 */
export function lookedUpNotice(generatedAt: string, now: Date, refresh: RefreshState): { text: string; warn: boolean } {
  const text = `Looked up at ${formatWhen(generatedAt, now)}`;
  if (refresh === 'idle' || !isOutdated(generatedAt, now)) return { text, warn: false };
  return { text: `${text}. ${REFRESH_WORDS[refresh]}`, warn: true };
}
