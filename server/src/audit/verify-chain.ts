// Checks the audit trail's hash chain end to end, a page at a time, and names the first entry
// edited, deleted or inserted. It rebuilds each entry's canonical text itself (the same text the
// database's audit_entry_hash hashes, migration 0020) and hashes it here, so a database whose
// hash function was replaced still fails. Reports positions (seq), never an entry's contents.
import { createHash } from 'node:crypto';
import {
  AUDIT_GENESIS_HASH,
  getAuditChainHead,
  listAuditAnchors,
  readAuditChainPage,
  type AuditChainPoint,
  type AuditChainRow,
  type Db,
} from '@mast/db';

export type ChainProblemKind = 'edited' | 'deleted' | 'inserted' | 'anchor-mismatch';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The first entry concerned: the one edited or inserted, or the first one missing. */
  seq: number;
  message: string;
}

export interface ChainReport {
  checked: number;
  /** The last entry checked (0 when there is none). */
  lastSeq: number;
  lastHash: string;
  problem: ChainProblem | null;
}

/** PostgreSQL's quote_nullable for text: NULL, or a literal with quotes doubled (and E'' with backslashes doubled). */
export function quoteNullable(value: string | null): string {
  if (value === null) return 'NULL';
  const quoted = value.replaceAll("'", "''");
  return value.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

const FIELDS = [
  'seq', 'user_id', 'organisation_id', 'role', 'action', 'uprn', 'subject_kind', 'subject_id', 'purpose', 'reference',
  'detail', 'matrix_version', 'client', 'session_ref', 'at',
] as const satisfies readonly (keyof AuditChainRow)[];

/** The entry's hash as it should be: SHA-256 over the previous hash and its fields, as the database computes it. */
export function entryHash(row: AuditChainRow, prevHash: string): string {
  const canonical = FIELDS.map((f) => quoteNullable(row[f])).join(',');
  return createHash('sha256').update(`${prevHash},${canonical}`, 'utf8').digest('hex');
}

/** How many recent hashes are remembered to tell an insertion from an edit. */
const RECENT = 64;

/**
 * Walks entries in chain order. A problem found at an entry is held for one more entry: if the
 * next one chains onto the entry before it, the suspect was inserted, not edited.
 */
export class ChainChecker {
  checked = 0;
  private expectedSeq = 1;
  private lastHash = AUDIT_GENESIS_HASH;
  private recent = new Map<string, number>();
  /** A suspect entry and the hash the next entry would chain onto if the suspect were inserted. */
  private pending: { problem: ChainProblem; suspect: number; hashBefore: string } | null = null;
  problem: ChainProblem | null = null;
  private anchors: Map<number, string>;

  constructor(anchors: AuditChainPoint[] = []) {
    this.anchors = new Map(anchors.map((a) => [a.seq, a.hash]));
  }

  get lastSeq(): number {
    return this.expectedSeq - 1;
  }

  get tipHash(): string {
    return this.lastHash;
  }

  /** Returns false once a problem is known (stop reading). */
  add(row: AuditChainRow): boolean {
    if (this.problem) return false;
    this.checked++;
    const seq = Number(row.seq);
    if (this.pending) {
      const { problem, suspect, hashBefore } = this.pending;
      this.problem = row.prev_hash === hashBefore && seq === suspect + 1
        ? { kind: 'inserted', seq: suspect, message: `entry ${suspect} was inserted: the entry after it chains onto the one before it` }
        : problem;
      return false;
    }
    const found = this.check(row, seq);
    if (found) {
      if (found.kind === 'edited') {
        this.pending = { problem: found, suspect: seq, hashBefore: this.lastHash };
        this.accept(row, seq);
        return true;
      }
      this.problem = found;
      return false;
    }
    this.accept(row, seq);
    return true;
  }

  private check(row: AuditChainRow, seq: number): ChainProblem | null {
    if (seq < this.expectedSeq) {
      return { kind: 'inserted', seq, message: `entry ${seq} was inserted: a second entry carries that number` };
    }
    if (seq > this.expectedSeq) {
      const last = seq - 1;
      const which = last === this.expectedSeq ? `entry ${this.expectedSeq} was` : `entries ${this.expectedSeq} to ${last} were`;
      return { kind: 'deleted', seq: this.expectedSeq, message: `${which} deleted` };
    }
    if (row.prev_hash !== this.lastHash) {
      const from = this.recent.get(row.prev_hash);
      if (from !== undefined && from < seq - 1) {
        return { kind: 'inserted', seq: from + 1, message: `entry ${from + 1} was inserted: entry ${seq} chains onto entry ${from}` };
      }
      return { kind: 'edited', seq: seq - 1, message: `entry ${seq - 1} was edited (its hash was recomputed; entry ${seq} does not chain onto it)` };
    }
    if (entryHash(row, row.prev_hash) !== row.hash) {
      return { kind: 'edited', seq, message: `entry ${seq} was edited: its fields no longer give its hash` };
    }
    const anchored = this.anchors.get(seq);
    if (anchored !== undefined && anchored !== row.hash) {
      return { kind: 'anchor-mismatch', seq, message: `entry ${seq} does not match the anchor: the chain was rewritten at or before entry ${seq}` };
    }
    return null;
  }

  private accept(row: AuditChainRow, seq: number) {
    this.lastHash = row.hash;
    this.expectedSeq = seq + 1;
    this.recent.set(row.hash, seq);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
  }

  /** After the last entry: anything held, then entries missing from the end (per the head and the anchors). */
  finish(head: AuditChainPoint | undefined): ChainProblem | null {
    if (this.problem) return this.problem;
    if (this.pending) return (this.problem = this.pending.problem);
    const last = this.lastSeq;
    const beyond = [head?.seq ?? 0, ...this.anchors.keys()].filter((s) => s > last);
    if (beyond.length > 0) {
      const upTo = Math.max(...beyond);
      return (this.problem = { kind: 'deleted', seq: last + 1, message: `entries ${last + 1} to ${upTo} were deleted from the end of the trail` });
    }
    if (head && head.seq === last && head.hash !== this.lastHash) {
      return (this.problem = { kind: 'edited', seq: last, message: `entry ${last} does not match the chain head: it was edited` });
    }
    if (head && head.seq < last) {
      return (this.problem = { kind: 'inserted', seq: head.seq + 1, message: `entry ${head.seq + 1} was inserted after the chain head` });
    }
    return null;
  }
}

export interface VerifyOptions {
  /** An anchor copied out of mast earlier, checked as well as the ones mast holds. */
  anchor?: AuditChainPoint;
  pageSize?: number;
}

export async function verifyAuditChain(db: Db, opts: VerifyOptions = {}): Promise<ChainReport> {
  const anchors = await listAuditAnchors(db);
  if (opts.anchor) anchors.push(opts.anchor);
  const head = await getAuditChainHead(db);
  const checker = new ChainChecker(anchors);
  const pageSize = opts.pageSize ?? 5000;
  let after = { seq: '0', id: '0' };
  for (;;) {
    const page = await readAuditChainPage(db, after, pageSize);
    for (const row of page) if (!checker.add(row)) break;
    if (checker.problem || page.length < pageSize) break;
    const last = page[page.length - 1]!;
    after = { seq: last.seq, id: last.id };
  }
  const problem = checker.finish(head);
  return { checked: checker.checked, lastSeq: checker.lastSeq, lastHash: checker.tipHash, problem };
}

/** "SEQ:HASH" as `audit anchor` prints it; undefined when it is not one. */
export function parseAnchor(text: string): AuditChainPoint | undefined {
  const m = /^(\d{1,18}):([0-9a-f]{64})$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2]! } : undefined;
}
