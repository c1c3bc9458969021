// Plain-English wording for the feed admin view: who may open it, each feed's state as a word,
// how an upload arrived, sizes and row counts, and paging. Pure functions, so they are testable;
// shapes come from @mast/shared. The server decides who may see the data; this only words it.
import type { FeedOverview, FeedStatus, FeedUpload, Role } from '@mast/shared';

const FEED_WATCHERS: readonly Role[] = ['data-steward', 'admin'];

/** Whether this role may open the feed admin view (the server decides; this only hides the link). */
export function canWatchFeeds(role: Role): boolean {
  return FEED_WATCHERS.includes(role);
}

export const STATE_LABELS: Record<FeedStatus['state'], string> = {
  fresh: 'On time',
  late: 'Late',
  missing: 'Never received',
};

export const VIA_LABELS: Record<FeedUpload['via'], string> = {
  sftp: 'SFTP',
  https: 'HTTPS upload',
  cli: 'Loaded by an operator',
};

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/**
 * "Partner feeds", or with how many need attention: "Partner feeds (1 late, 1 never received)".
 * A feed that never sent a file is a different call to make from one whose file is late.
 */
export function feedsLinkLabel(feeds: readonly Pick<FeedOverview, 'freshness'>[] | null): string {
  if (!feeds) return 'Partner feeds';
  const late = feeds.filter((feed) => feed.freshness.state === 'late').length;
  const missing = feeds.filter((feed) => feed.freshness.state === 'missing').length;
  const counts = [late > 0 ? `${late} late` : '', missing > 0 ? `${missing} never received` : ''].filter(Boolean);
  return counts.length === 0 ? 'Partner feeds' : `Partner feeds (${counts.join(', ')})`;
}

/** "4 of 5 feeds on time". */
export function formatOnTime(feeds: readonly Pick<FeedOverview, 'freshness'>[]): string {
  const fresh = feeds.filter((feed) => feed.freshness.state === 'fresh').length;
  return `${fresh} of ${plural(feeds.length, 'feed', 'feeds')} on time`;
}

/** "812 bytes", "14.2 KB", "3.4 MB" (1 KB = 1,000 bytes, as file managers show). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return plural(bytes, 'byte', 'bytes');
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** "120 rows: 118 accepted, 2 rejected". */
export function formatRowCounts(counts: { rows: number; accepted: number; rejected: number }): string {
  return `${plural(counts.rows, 'row', 'rows')}: ${counts.accepted.toLocaleString('en-GB')} accepted, ${counts.rejected.toLocaleString('en-GB')} rejected`;
}

/**
 * Why an upload applied nothing, or null when it delivered data. Such a file leaves the feed's
 * "data as of" where it was, so a steward needs to see it before phoning the partner.
 */
export function appliedNothing(upload: Pick<FeedUpload, 'countsAsDelivery' | 'rows'>): string | null {
  if (upload.countsAsDelivery) return null;
  return upload.rows === 0 ? 'Applied nothing: the file had no rows' : 'Applied nothing: every row was rejected';
}

/** "3 uploads in the last 30 days". */
export function formatUploadCount(count: number): string {
  return `${plural(count, 'upload', 'uploads')} in the last 30 days`;
}

/** How many pages `total` items make, at least one. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}

/** A page number from the address bar: a whole number from 1, else 1. */
export function pageFromQuery(value: string | null): number {
  if (value === null || !/^[1-9]\d{0,5}$/.test(value)) return 1;
  return Number(value);
}

/** "Uploads 21 to 40 of 45". */
export function formatRange(page: number, pageSize: number, shown: number, total: number, noun: string): string {
  if (total === 0 || shown === 0) return `No ${noun}`;
  const first = (page - 1) * pageSize + 1;
  return `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${first.toLocaleString('en-GB')} to ${(first + shown - 1).toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`;
}
