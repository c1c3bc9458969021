// The address page's word on an answer read from a replica behind the primary: beside the
// partners' freshness lines, so that "as of 06:10" is never read as newer than it is.
import type { ReadFrom } from '@mast/shared';

/** A line when the copy read may be a second or more behind; null when there is nothing to say. */
export function readFromNote(readFrom: ReadFrom | undefined): string | null {
  if (readFrom?.servedBy !== 'replica' || readFrom.lagSeconds === null || readFrom.lagSeconds < 1) return null;
  return `Read from a copy of mast's database up to ${Math.ceil(readFrom.lagSeconds)} s behind; anything newer shows when you look again.`;
}
