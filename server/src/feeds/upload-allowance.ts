// Each feed's hourly allowance of files, one for both ways in (HTTPS and SFTP), so a partner
// cannot double it by using both. Counted in PostgreSQL, so every server process agrees.
import { hitRateLimit, peekRateLimit, type Db } from '@mast/db';
import type { FeedId } from '@mast/shared';

const key = (feed: FeedId) => `upload:${feed}`;
const hourStart = (now: Date) => new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);

/** Counts one more file this hour for `feed`; answers how many it has sent this hour, this one included. */
export function countUpload(db: Db, feed: FeedId, now: Date): Promise<number> {
  return hitRateLimit(db, key(feed), hourStart(now));
}

/** How many files `feed` has sent this hour, counting none. */
export function uploadsThisHour(db: Db, feed: FeedId, now: Date): Promise<number> {
  return peekRateLimit(db, key(feed), hourStart(now));
}
