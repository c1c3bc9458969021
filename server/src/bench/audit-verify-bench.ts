// How fast `mast audit verify` checks a long trail: writes N chained entries straight into a
// fresh database (the chain computed by the database itself, as the chainer does, but in one
// statement), then verifies them page by page and prints entries/s.
//   tsx server/src/bench/audit-verify-bench.ts [--entries N] [--page ROWS]   (PostgreSQL with DATABASE_URL, else PGlite in memory)
import { randomBytes } from 'node:crypto';
import { createServerDatabase, dropServerDatabase, openDatabase, sql, type Database } from '@mast/db';
import { verifyAuditChain } from '../audit/verify-chain.ts';

async function main() {
  const at = process.argv.indexOf('--entries');
  const entries = at >= 0 ? Number(process.argv[at + 1]) : 1_000_000;
  if (!Number.isSafeInteger(entries) || entries < 1) throw new Error('--entries needs a whole number');
  const pageAt = process.argv.indexOf('--page');
  const pageSize = pageAt >= 0 ? Number(process.argv[pageAt + 1]) : undefined;
  const url = process.env.DATABASE_URL;
  const name = `mast_bench_audit_${randomBytes(4).toString('hex')}`;
  const database: Database = url ? await openDatabase({ url: await createServerDatabase(url, name), poolSize: 2 }) : await openDatabase({ dataDir: 'memory://' });
  try {
    await database.migrate();
    let t = performance.now();
    await database.query(sql`ALTER TABLE audit_chain_head DISABLE TRIGGER USER`);
    await database.query(sql`
      WITH RECURSIVE chain(seq, prev_hash, hash, at) AS (
        SELECT 0::bigint, ''::text, repeat('0', 64), now() - interval '30 days'
        UNION ALL
        SELECT c.seq + 1, c.hash,
               audit_entry_hash(c.hash, c.seq + 1, NULL, NULL, 'responder', 'view-address', 100000000000 + c.seq + 1, 'address',
                                (100000000000 + c.seq + 1)::text, 'home-visit', NULL, '{"shown": ["police", "nhs"], "level": "flag"}'::jsonb,
                                'v1', '10.0.0.1', 'abcdef0123456789', c.at + interval '1 second'),
               c.at + interval '1 second'
          FROM chain c WHERE c.seq < ${entries}
      )
      INSERT INTO audit_events (seq, prev_hash, hash, role, action, uprn, subject_kind, subject_id, purpose, detail, matrix_version, client, session_ref, at)
      SELECT seq, prev_hash, hash, 'responder', 'view-address', 100000000000 + seq, 'address', (100000000000 + seq)::text, 'home-visit',
             '{"shown": ["police", "nhs"], "level": "flag"}'::jsonb, 'v1', '10.0.0.1', 'abcdef0123456789', at
        FROM chain WHERE seq > 0`);
    await database.query(sql`UPDATE audit_chain_head SET seq = e.seq, hash = e.hash, prev_hash = e.prev_hash
                               FROM (SELECT seq, hash, prev_hash FROM audit_events ORDER BY seq DESC LIMIT 1) e`);
    await database.query(sql`ALTER TABLE audit_chain_head ENABLE TRIGGER USER`);
    console.log(`${entries} entries written in ${((performance.now() - t) / 1000).toFixed(1)} s (${database.backend})`);
    t = performance.now();
    const report = await verifyAuditChain(database.db, { pageSize });
    const seconds = (performance.now() - t) / 1000;
    if (report.problem) throw new Error(`the chain did not verify: ${report.problem.message}`);
    console.log(`verified ${report.checked} entries in ${seconds.toFixed(2)} s: ${Math.round(report.checked / seconds)} entries/s`);
  } finally {
    await database.close();
    if (url) await dropServerDatabase(url, name);
  }
}

main().catch((e: unknown) => {
  console.error(`audit-verify-bench: ${(e as Error).message}`);
  process.exit(1);
});
