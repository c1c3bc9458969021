// `pnpm mast audit verify [--anchor SEQ:HASH]` and `pnpm mast audit anchor [--now]`: the
// administrator's check that nobody has edited, removed or slipped in an audit entry, and the
// anchor worth copying out of mast to check against later. Both first link in any entries still
// waiting to be chained (a server stopped hard leaves its last ones), so that they cover every
// entry written. On PGlite, run them while the server is stopped (one process at a time may open
// the data folder).
import { anchorAuditChainNow, chainAllPendingAudit, getAuditChainHead, latestAuditAnchor, openDatabase, type Database } from '@mast/db';
import { readConfig } from '../config.ts';
import { parseAnchor, verifyAuditChain } from './verify-chain.ts';

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = readConfig();
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl, poolSize: 2 } : { dataDir: config.dataDir });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Runs the command; returns the exit code, or a usage problem as text. */
export async function runAuditCommand(args: string[]): Promise<number | string> {
  const [action, ...rest] = args;
  if (action === 'verify') {
    let anchor: ReturnType<typeof parseAnchor>;
    if (rest.length > 0) {
      if (rest[0] !== '--anchor' || rest.length !== 2) return 'audit verify takes only --anchor SEQ:HASH';
      anchor = parseAnchor(rest[1]!);
      if (!anchor) return '--anchor needs SEQ:HASH, as `audit anchor` prints it';
    }
    const started = performance.now();
    const report = await withDatabase(async (db) => {
      await chainAllPendingAudit(db.db);
      return verifyAuditChain(db.db, { anchor });
    });
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(report.checked / seconds) : report.checked;
    if (report.problem) {
      console.error(`audit chain BROKEN at entry ${report.problem.seq}: ${report.problem.message}.`);
      console.error(`(${report.checked} entries read before it was found.)`);
      return 1;
    }
    console.log(`audit chain intact: ${report.checked} entries checked in ${seconds.toFixed(2)} s (${rate} entries/s); last ${report.lastSeq}:${report.lastHash}`);
    return 0;
  }
  if (action === 'anchor') {
    if (rest.length > 1 || (rest.length === 1 && rest[0] !== '--now')) return 'audit anchor takes only --now';
    const { anchor, head } = await withDatabase(async (db) => {
      await chainAllPendingAudit(db.db);
      return {
        anchor: rest[0] === '--now' ? await anchorAuditChainNow(db.db) : await latestAuditAnchor(db.db),
        head: await getAuditChainHead(db.db),
      };
    });
    if (!anchor) {
      console.log('No anchor yet: the audit trail is empty.');
      return 0;
    }
    console.log(`${anchor.seq}:${anchor.hash}`);
    console.log(`anchored ${anchor.at?.toISOString() ?? ''}; the chain now ends at entry ${head?.seq ?? 0}. Keep this line outside mast and check with: pnpm mast audit verify --anchor ${anchor.seq}:${anchor.hash}`);
    return 0;
  }
  return 'audit needs verify or anchor';
}
