// The audit trail as a superuser would attack it: triggers switched off, an entry edited,
// deleted, inserted, the tail cut off (and the head wound back). Each is found and named.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  anchorAuditChainNow,
  chainAllPendingAudit,
  chainPendingAudit,
  countUnchainedAudit,
  getAuditChainHead,
  latestAuditAnchor,
  openTestDatabase,
  recordAudit,
  sql,
  type Database,
} from '@mast/db';
import { entryHash, quoteNullable, verifyAuditChain } from './verify-chain.ts';

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** As a superuser with the append-only triggers switched off. */
async function asSuperuser(...statements: ReturnType<typeof sql>[]) {
  await database.query(sql`ALTER TABLE audit_events DISABLE TRIGGER USER`);
  await database.query(sql`ALTER TABLE audit_anchors DISABLE TRIGGER USER`);
  await database.query(sql`ALTER TABLE audit_chain_head DISABLE TRIGGER USER`);
  try {
    for (const s of statements) await database.query(s);
  } finally {
    await database.query(sql`ALTER TABLE audit_events ENABLE TRIGGER USER`);
    await database.query(sql`ALTER TABLE audit_anchors ENABLE TRIGGER USER`);
    await database.query(sql`ALTER TABLE audit_chain_head ENABLE TRIGGER USER`);
  }
}

/** The database's reason for refusing a statement (the driver wraps it) matches `reason`. */
function refusedFor(reason: RegExp) {
  return (e: unknown) => reason.test(String((e as { cause?: Error }).cause?.message ?? (e as Error).message));
}

async function freshChain(entries: number) {
  await asSuperuser(
    sql`DELETE FROM audit_events`,
    sql`DELETE FROM audit_anchors`,
    sql`UPDATE audit_chain_head SET seq = 0, hash = repeat('0', 64), prev_hash = repeat('0', 64)`,
  );
  for (let i = 1; i <= entries; i++) {
    await recordAudit(database.db, {
      userId: null,
      action: i % 2 ? 'view-address' : 'login',
      uprn: 100000000000 + i,
      subjectKind: 'address',
      subjectId: String(100000000000 + i),
      purpose: i % 3 ? 'attending-incident' : null,
      reference: i % 3 === 1 ? `INC-${i}` : null,
      detail: { shown: ['police', 'nhs'], level: i % 2 ? 'flag' : 'full', quote: "it's \\ odd" },
      client: '127.0.0.1',
      sessionRef: 'abcd',
    });
  }
  await chainAllPendingAudit(database.db);
}

describe('the audit hash chain', () => {
  beforeEach(async () => {
    await freshChain(12);
  });

  it('chains entries written through recordAudit, and the head and anchor follow', async () => {
    const report = await verifyAuditChain(database.db, { pageSize: 5 });
    expect(report.problem).toBeNull();
    expect(report.checked).toBe(12);
    const head = await getAuditChainHead(database.db);
    expect(head).toEqual({ seq: 12, hash: report.lastHash });
    // The day's first chaining anchors where it ends (all twelve were waiting); on demand, the head is.
    expect((await latestAuditAnchor(database.db))?.seq).toBe(12);
    await recordAudit(database.db, { userId: null, action: 'login' });
    await chainAllPendingAudit(database.db);
    expect((await latestAuditAnchor(database.db))?.seq).toBe(12);
    expect((await anchorAuditChainNow(database.db))?.seq).toBe(13);
  });

  it('takes the highest anchor as the latest, by number', async () => {
    await database.query(sql`INSERT INTO audit_anchors (seq, hash) VALUES (999, repeat('a', 64)), (1000, repeat('b', 64))`);
    expect((await latestAuditAnchor(database.db))?.seq).toBe(1000);
  });

  it("rebuilds the database's canonical text itself", async () => {
    expect(quoteNullable(null)).toBe('NULL');
    expect(quoteNullable("it's")).toBe("'it''s'");
    expect(quoteNullable('a\\b')).toBe("E'a\\\\b'");
    const [row] = await database.query<{ q: string }>(sql`SELECT quote_nullable(${"it's a\\b"}::text) AS q`);
    expect(row!.q).toBe(quoteNullable("it's a\\b"));
  });

  it('refuses UPDATE, DELETE and TRUNCATE while its triggers stand', async () => {
    await expect(database.query(sql`UPDATE audit_events SET action = 'nothing' WHERE seq = 3`)).rejects.toThrow();
    await expect(database.query(sql`DELETE FROM audit_events WHERE seq = 3`)).rejects.toThrow();
    await expect(database.query(sql`TRUNCATE audit_events`)).rejects.toThrow();
    await expect(database.query(sql`DELETE FROM audit_anchors`)).rejects.toThrow();
    await expect(database.query(sql`UPDATE audit_chain_head SET seq = 3`)).rejects.toThrow();
    expect((await verifyAuditChain(database.db)).problem).toBeNull();
  });

  it('writes an entry at once and links it in when the chainer runs, in the order written, at the time written', async () => {
    await recordAudit(database.db, { userId: null, action: 'login', detail: { n: 13 } });
    await recordAudit(database.db, { userId: null, action: 'logout', detail: { n: 14 } });
    const waiting = await database.query<{ action: string; seq: string | null; hash: string | null }>(
      sql`SELECT action, seq::text, hash FROM audit_events WHERE seq IS NULL OR seq > 12 ORDER BY id`,
    );
    expect(waiting).toEqual([{ action: 'login', seq: null, hash: null }, { action: 'logout', seq: null, hash: null }]);
    expect((await countUnchainedAudit(database.db)).entries).toBe(2);
    expect(await chainPendingAudit(database.db)).toBe(2);
    expect(await chainPendingAudit(database.db)).toBe(0);
    const linked = await database.query<{ action: string; seq: string }>(sql`SELECT action, seq::text FROM audit_events WHERE seq > 12 ORDER BY seq`);
    expect(linked).toEqual([{ action: 'login', seq: '13' }, { action: 'logout', seq: '14' }]);
    const report = await verifyAuditChain(database.db);
    expect(report).toMatchObject({ problem: null, checked: 14, lastSeq: 14 });
    expect(await getAuditChainHead(database.db)).toEqual({ seq: 14, hash: report.lastHash });
  });

  it('lets a waiting entry be linked in once, and nothing it records be changed or removed', async () => {
    await recordAudit(database.db, { userId: null, action: 'login', purpose: 'attending-incident' });
    const [entry] = await database.query<{ id: string }>(sql`SELECT id::text FROM audit_events WHERE seq IS NULL`);
    const id = entry!.id;
    await expect(database.query(sql`UPDATE audit_events SET purpose = 'home-visit' WHERE id = ${id}::bigint`)).rejects.toSatisfy(refusedFor(/append-only/));
    await expect(database.query(sql`UPDATE audit_events SET seq = 13, prev_hash = 'a', hash = 'b', action = 'logout' WHERE id = ${id}::bigint`)).rejects.toSatisfy(refusedFor(/append-only/));
    await expect(database.query(sql`UPDATE audit_events SET seq = 13 WHERE id = ${id}::bigint`)).rejects.toSatisfy(refusedFor(/chained_whole/));
    await expect(database.query(sql`DELETE FROM audit_events WHERE id = ${id}::bigint`)).rejects.toSatisfy(refusedFor(/append-only/));
    expect(await chainPendingAudit(database.db)).toBe(1);
    await expect(database.query(sql`UPDATE audit_events SET seq = 99, prev_hash = 'a', hash = 'b' WHERE id = ${id}::bigint`)).rejects.toSatisfy(refusedFor(/append-only/));
    expect((await verifyAuditChain(database.db)).problem).toBeNull();
  });

  it('names an entry whose field was edited', async () => {
    await asSuperuser(sql`UPDATE audit_events SET purpose = 'home-visit' WHERE seq = 5`);
    expect((await verifyAuditChain(database.db)).problem).toMatchObject({ kind: 'edited', seq: 5 });
  });

  it('names an edited entry whose hash was recomputed as well', async () => {
    await asSuperuser(
      sql`UPDATE audit_events SET reference = 'INC-0', hash = audit_entry_hash(prev_hash, seq, user_id, organisation_id, role, action, uprn,
            subject_kind, subject_id, purpose, 'INC-0', detail, matrix_version, client, session_ref, at) WHERE seq = 7`,
    );
    expect((await verifyAuditChain(database.db)).problem).toMatchObject({ kind: 'edited', seq: 7 });
  });

  it('names a deleted entry', async () => {
    await asSuperuser(sql`DELETE FROM audit_events WHERE seq = 4`);
    expect((await verifyAuditChain(database.db, { pageSize: 3 })).problem).toMatchObject({ kind: 'deleted', seq: 4 });
  });

  it('names an entry inserted in the middle, later entries renumbered to make room', async () => {
    await asSuperuser(
      sql`UPDATE audit_events SET seq = seq + 1000 WHERE seq >= 6`,
      sql`UPDATE audit_events SET seq = seq - 999 WHERE seq >= 1006`,
      sql`INSERT INTO audit_events (seq, prev_hash, hash, action, at)
          SELECT 6, hash, audit_entry_hash(hash, 6, NULL, NULL, NULL, 'login', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, now()), 'login', now()
            FROM audit_events WHERE seq = 5`,
    );
    expect((await verifyAuditChain(database.db)).problem).toMatchObject({ kind: 'inserted', seq: 6 });
  });

  it('names an entry inserted in the middle with a made-up hash', async () => {
    await asSuperuser(
      sql`UPDATE audit_events SET seq = seq + 1000 WHERE seq >= 6`,
      sql`UPDATE audit_events SET seq = seq - 999 WHERE seq >= 1006`,
      sql`INSERT INTO audit_events (seq, prev_hash, hash, action) VALUES (6, repeat('a', 64), repeat('b', 64), 'login')`,
    );
    expect((await verifyAuditChain(database.db)).problem).toMatchObject({ kind: 'inserted', seq: 6 });
  });

  it('names an entry inserted under a number already taken', async () => {
    await asSuperuser(
      sql`ALTER TABLE audit_events DROP CONSTRAINT audit_events_seq_unique`,
      sql`INSERT INTO audit_events (seq, prev_hash, hash, action) VALUES (8, repeat('a', 64), repeat('b', 64), 'login')`,
    );
    try {
      expect((await verifyAuditChain(database.db)).problem).toMatchObject({ kind: 'inserted', seq: 8 });
    } finally {
      await asSuperuser(sql`DELETE FROM audit_events WHERE seq = 8 AND action = 'login' AND prev_hash = repeat('a', 64)`);
      await database.query(sql`ALTER TABLE audit_events ADD CONSTRAINT audit_events_seq_unique UNIQUE (seq)`);
    }
  });

  it('finds the tail cut off through the head', async () => {
    await asSuperuser(sql`DELETE FROM audit_events WHERE seq > 9`);
    expect((await verifyAuditChain(database.db)).problem).toMatchObject({ kind: 'deleted', seq: 10 });
  });

  it('finds the tail cut off and the head wound back, through an anchor copied out earlier', async () => {
    const copied = (await anchorAuditChainNow(database.db))!;
    await asSuperuser(
      sql`DELETE FROM audit_events WHERE seq > 9`,
      sql`DELETE FROM audit_anchors`,
      sql`UPDATE audit_chain_head SET seq = 9, hash = (SELECT hash FROM audit_events WHERE seq = 9)`,
    );
    expect((await verifyAuditChain(database.db)).problem).toBeNull();
    expect((await verifyAuditChain(database.db, { anchor: { seq: copied.seq, hash: copied.hash } })).problem).toMatchObject({ kind: 'deleted', seq: 10 });
  });

  it('finds a chain rewritten from an entry onwards through the anchor', async () => {
    const copied = (await anchorAuditChainNow(database.db))!;
    await asSuperuser(sql`UPDATE audit_events SET seq = seq WHERE seq = 12`, sql`UPDATE audit_events SET purpose = 'x',
      hash = audit_entry_hash(prev_hash, seq, user_id, organisation_id, role, action, uprn, subject_kind, subject_id, 'x', reference, detail,
             matrix_version, client, session_ref, at) WHERE seq = 12`, sql`UPDATE audit_chain_head SET hash = (SELECT hash FROM audit_events WHERE seq = 12)`);
    expect((await verifyAuditChain(database.db, { anchor: copied })).problem).toMatchObject({ seq: 12 });
  });

  it('fails only the bad entry among many written at once', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => recordAudit(database.db, { userId: i === 4 ? 987654 : null, action: 'login' })),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 10 }, (_, i) => (i === 4 ? 'rejected' : 'fulfilled')));
    await chainAllPendingAudit(database.db);
    const report = await verifyAuditChain(database.db);
    expect(report.problem).toBeNull();
    expect(report.checked).toBe(21);
  });

  it('keeps one chain when many writers append at once', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => recordAudit(database.db, { userId: null, action: 'login', detail: { i } })));
    await chainAllPendingAudit(database.db);
    const report = await verifyAuditChain(database.db);
    expect(report.problem).toBeNull();
    expect(report.checked).toBe(52);
  });
});

describe('an entry hash', () => {
  it('is the one the database computes', async () => {
    await freshChain(1);
    const [row] = await database.query<Record<string, string>>(sql`SELECT id::text, seq::text, prev_hash, hash, user_id::text, organisation_id::text, role, action, uprn::text,
      subject_kind, subject_id, purpose, reference, detail::text, matrix_version, client, session_ref,
      to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM audit_events`);
    expect(entryHash(row as never, row!.prev_hash!)).toBe(row!.hash);
  });
});

// Two server processes are two connection pools: their entries interleave on one chain, and both
// run a chainer; each entry is linked in once. (PGlite has one connection, which one process owns:
// there the second writer shares it.)
describe('two processes writing and chaining at once', () => {
  it('keep one chain', async () => {
    await freshChain(0);
    const { openDatabase } = await import('@mast/db');
    let other: Database = database;
    if (process.env.DATABASE_URL) {
      const [row] = await database.query<{ db: string }>(sql`SELECT current_database() AS db`);
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${row!.db}`;
      other = await openDatabase({ url: url.toString(), poolSize: 4 });
    }
    try {
      let writing = true;
      const chainer = async (db: Database) => {
        let chained = 0;
        while (writing) {
          chained += await chainPendingAudit(db.db);
          await new Promise((r) => setTimeout(r, 1));
        }
        return chained;
      };
      const chained = Promise.all([chainer(database), chainer(other)]);
      await Promise.all([
        ...Array.from({ length: 30 }, () => recordAudit(database.db, { userId: null, action: 'one' })),
        ...Array.from({ length: 30 }, () => recordAudit(other.db, { userId: null, action: 'two' })),
      ]);
      writing = false;
      const [byOne, byOther] = await chained;
      await chainAllPendingAudit(database.db);
      const [{ n }] = (await database.query<{ n: number }>(sql`SELECT max(seq)::int AS n FROM audit_events`)) as [{ n: number }];
      expect(n).toBe(60);
      expect(byOne + byOther).toBeLessThanOrEqual(60);
    } finally {
      if (other !== database) await other.close();
    }
    const report = await verifyAuditChain(database.db);
    expect(report.problem).toBeNull();
    expect(report.checked).toBe(60);
  });
});
