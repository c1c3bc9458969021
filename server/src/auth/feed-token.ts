// Per-feed API tokens for partner systems that push over HTTPS: 160 random bits, shown once when
// made; the database keeps only the SHA-256, so a leaked table cannot push files.
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import { createFeedToken, type Db } from '@mast/db';
import type { FeedId } from '@mast/shared';

export function feedTokenHash(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Makes a token for a feed; returns it (to show once) and its id (to revoke it by). */
export async function issueFeedToken(db: Db, feed: FeedId, label: string): Promise<{ id: number; token: string }> {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  // The feed in the token tells a partner's operator which feed a token is for at a glance.
  const token = `mast_${feed.replace(/-/g, '_')}_${encodeBase32LowerCaseNoPadding(bytes)}`;
  const id = await createFeedToken(db, { feed, label, tokenHash: feedTokenHash(token) });
  return { id, token };
}
