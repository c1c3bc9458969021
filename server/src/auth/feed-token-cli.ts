// `pnpm mast feed-token ...`: an operator makes, lists and revokes partner API tokens.
import { isFeedId, FEED_IDS } from '@mast/shared';
import { listFeedTokens, revokeFeedToken, type Database } from '@mast/db';
import { issueFeedToken } from './feed-token.ts';

/** Runs the command; returns a usage problem, or undefined when done. */
export async function runFeedTokenCommand(database: Database, args: string[]): Promise<string | undefined> {
  const [action, ...rest] = args;
  if (action === 'create') {
    const feed = rest[0];
    const labelAt = rest.indexOf('--label');
    const label = labelAt >= 0 ? rest[labelAt + 1]?.trim() : undefined;
    if (!feed || !isFeedId(feed)) return `feed-token create needs a feed (${FEED_IDS.join(', ')})`;
    if (!label) return 'feed-token create needs --label (who holds the token, e.g. "police nightly export")';
    const { id, token } = await issueFeedToken(database.db, feed, label);
    console.log(`Token ${id} for ${feed} (${label}). It is shown only now; mast keeps only its hash:\n\n  ${token}\n`);
    console.log(`Partner systems send: curl -H "Authorization: Bearer <token>" -H "Content-Type: text/csv" --data-binary @file.csv https://<mast>/api/feeds/${feed}/uploads`);
    return undefined;
  }
  if (action === 'list') {
    for (const t of await listFeedTokens(database.db)) {
      const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : `live, last used ${t.lastUsedAt ? t.lastUsedAt.toISOString() : 'never'}`;
      console.log(`${String(t.id).padStart(4)}  ${t.feed.padEnd(17)} ${t.label}  (${state})`);
    }
    return undefined;
  }
  if (action === 'revoke') {
    const id = Number(rest[0]);
    if (!Number.isInteger(id) || id <= 0) return 'feed-token revoke needs a token id (see feed-token list)';
    console.log((await revokeFeedToken(database.db, id)) ? `Token ${id} revoked.` : `No live token ${id}.`);
    return undefined;
  }
  return 'feed-token needs create, list or revoke';
}
