// A partner's key is checked by a database query; the connection may close (the sign-in timer,
// the client giving up) before the answer comes, for example while a big upload holds PGlite's
// one connection. A late answer must neither sign the dead connection in nor keep one of the
// feed's connection slots, or after a few such sign-ins the partner could not connect at all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it, expect } from 'vitest';
import ssh2 from 'ssh2';
import { addSftpKey, openTestDatabase, sql } from '@mast/db';
import { startSftpServer } from './sftp-server.ts';
import { parseSftpPublicKey } from './public-key.ts';
import { backendName } from '../test/small-borough.ts';

/**
 * An ed25519 key pair from ssh2's generator. About one in two hundred it writes a key whose
 * first byte is zero as 31 bytes (a malformed key, which mast rightly refuses): take another.
 */
function wellFormedEd25519(): { public: string; private: string } {
  for (;;) {
    const keys = ssh2.utils.generateKeyPairSync('ed25519');
    try {
      parseSftpPublicKey(keys.public);
      return keys;
    } catch {
      // the short key: draw again
    }
  }
}

it(`frees a feed's connection slot when the key check answers after the connection closed (${backendName()})`, async () => {
  const database = await openTestDatabase();
  const keys = wellFormedEd25519();
  const k = parseSftpPublicKey(keys.public);
  await addSftpKey(database.db, { feed: 'police', label: 'nightly export', algorithm: k.algorithm, publicKey: k.publicKey, fingerprint: k.fingerprint });
  const dataDir = mkdtempSync(join(tmpdir(), 'mast-sftp-late-'));
  const logs: string[] = [];
  const server = await startSftpServer({
    database, dataDir, port: 0, host: '127.0.0.1', jobs: { wake() {} },
    signInMs: 800, maxFeedConnections: 1, keyCheckMs: 200, idleMs: 300, log: (l) => logs.push(l),
  });
  try {
    // The keys table is held while the first client signs in, so its check answers only after
    // the sign-in timer has closed its socket.
    let held: Promise<unknown> | undefined;
    const first = new ssh2.Client();
    first.on('error', () => {});
    first.connect({
      host: '127.0.0.1', port: server.port, username: 'police', privateKey: keys.private, readyTimeout: 10_000,
      debug: (m: string) => {
        if (!held && /PK_OK/i.test(m)) {
          held = database.db.transaction(async (tx) => {
            await tx.execute(sql`LOCK TABLE sftp_keys IN ACCESS EXCLUSIVE MODE`);
            await new Promise((r) => setTimeout(r, 2000));
          });
        }
      },
    });
    await new Promise((r) => setTimeout(r, 3000));
    expect(held).toBeDefined();
    await held;
    expect(logs).toContain('not signed in within 1 s: connection closed');
    expect(logs.filter((l) => l.startsWith('police signed in'))).toEqual([]);

    // The feed's one slot is free: an honest client signs in, and nothing of the first lingers.
    const second = new ssh2.Client();
    const outcome = await new Promise<string>((resolve) => {
      second.on('ready', () => resolve('ready'));
      second.on('error', (e) => resolve(`error ${e.message}`));
      second.connect({ host: '127.0.0.1', port: server.port, username: 'police', privateKey: keys.private, readyTimeout: 5000 });
    });
    second.end();
    expect(outcome).toBe('ready');
    await new Promise((r) => setTimeout(r, 800));
    expect(logs.filter((l) => l.includes('connections already open'))).toEqual([]);
    expect(logs.filter((l) => l.includes('idle'))).toEqual([]);
  } finally {
    await server.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 30_000);
