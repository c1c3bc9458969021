// Which database a lookup reads from, said on its answer: `Mast-Read-From: primary`, or
// `replica; lag=0.4` (at most that many seconds behind the primary), so that the page can say
// how fresh it is and a load balancer's logs can tell which served it.
import type { Context } from 'hono';
import type { ReadFrom } from '@mast/shared';
import type { Reads, ReadSource } from '@mast/db';

export const READ_FROM_HEADER = 'Mast-Read-From';

/** Picks where this request's lookups read from, and says so in the answer's header. */
export function readSourceFor(c: Context, reads: Reads): ReadSource & { readFrom: ReadFrom } {
  const source = reads.pick();
  c.header(READ_FROM_HEADER, source.servedBy === 'replica' ? `replica; lag=${source.lagSeconds}` : 'primary');
  return { ...source, readFrom: { servedBy: source.servedBy, lagSeconds: source.lagSeconds } };
}
