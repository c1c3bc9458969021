// The SFTP endpoint partners push their daily files to. A username is a feed id; the only way in
// is a public key registered for that feed (`pnpm mast sftp-key add`) and not revoked, proved by
// its signature. A session gets the SFTP subsystem and nothing else: no shell, no commands, no
// forwarding. Logs kinds of events, never a file's name or contents.
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { AuthContext, Connection } from 'ssh2';
import { isFeedId, type FeedId } from '@mast/shared';
import { liveSftpKeys, type Database } from '@mast/db';
import { stagingDir } from '../feeds/uploads.ts';
import { loadOrCreateHostKey } from './host-key.ts';
import { serveSftpSession } from './sftp-session.ts';

export const DEFAULT_UPLOAD_MAX_BYTES = 200_000_000;
/** Sign-in attempts (keys offered, passwords tried) before the connection is closed. */
const MAX_AUTH_ATTEMPTS = 10;
/** A part file this old belonged to a connection that ended without cleaning up (a process
 * killed mid-upload): it is deleted at start. */
const ABANDONED_PART_MS = 24 * 3600_000;

export interface SftpServerOptions {
  database: Database;
  dataDir: string;
  port: number;
  host: string;
  /** The process's job worker, woken when a file has been queued. */
  jobs: { wake(): void };
  /** Defaults to MAST_UPLOAD_MAX_BYTES, else 200 MB. */
  maxUploadBytes?: number;
  log?: (line: string) => void;
}

export interface SftpServer {
  /** The port listened on (the one asked for, or the one given for 0). */
  port: number;
  /** SHA256:... of the host key, for partners to check on first connection. */
  hostKeyFingerprint: string;
  /** Stops listening, ends every connection (deleting uploads not completed). */
  close(): Promise<void>;
}

export const sftpDir = (dataDir: string) => join(dataDir, 'sftp');
export const feedOutboxDir = (dataDir: string, feed: FeedId) => join(sftpDir(dataDir), feed, 'outbox');

export function uploadMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.MAST_UPLOAD_MAX_BYTES;
  if (v === undefined || v === '') return DEFAULT_UPLOAD_MAX_BYTES;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error('MAST_UPLOAD_MAX_BYTES must be a positive whole number of bytes');
  return n;
}

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/** Whether the key offered is live for this feed and, when signed, that the signature is good. */
async function keyAccepted(database: Database, feed: FeedId, ctx: AuthContext & { method: 'publickey' }): Promise<number | undefined> {
  const keys = await liveSftpKeys(database.db, feed);
  const key = keys.find((k) => k.algorithm === ctx.key.algo && sameBytes(Buffer.from(k.publicKey, 'base64'), ctx.key.data));
  if (!key) return undefined;
  // No signature: the client only asks whether this key would do; it proves it next.
  if (!ctx.signature || !ctx.blob) return key.id;
  const parsed = ssh2.utils.parseKey(`${key.algorithm} ${key.publicKey}`);
  if (parsed instanceof Error || Array.isArray(parsed) || parsed.type !== ctx.key.algo) return undefined;
  return parsed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true ? key.id : undefined;
}

async function sweepAbandonedParts(dataDir: string): Promise<number> {
  const dir = stagingDir(dataDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const n of names.filter((n) => n.endsWith('.part'))) {
    const s = await stat(join(dir, n)).catch(() => undefined);
    if (s && Date.now() - s.mtimeMs > ABANDONED_PART_MS) {
      await rm(join(dir, n), { force: true });
      removed++;
    }
  }
  return removed;
}

export async function startSftpServer(opts: SftpServerOptions): Promise<SftpServer> {
  const { database, dataDir } = opts;
  const log = opts.log ?? ((line: string) => console.log(`mast sftp: ${line}`));
  const maxUploadBytes = opts.maxUploadBytes ?? uploadMaxBytes();
  const hostKey = await loadOrCreateHostKey(sftpDir(dataDir));
  const swept = await sweepAbandonedParts(dataDir);
  if (swept > 0) log(`deleted ${swept} abandoned part file(s)`);

  const connections = new Map<Connection, Set<{ end(): Promise<void> }>>();
  const endings = new Set<Promise<void>>();
  const endSessions = (sessions: Set<{ end(): Promise<void> }>) => {
    for (const s of sessions) {
      const p = s.end().catch(() => {});
      endings.add(p);
      void p.finally(() => endings.delete(p));
    }
  };

  const server = new ssh2.Server({ hostKeys: [hostKey.privateKey], ident: 'mast' }, (client) => {
    const sessions = new Set<{ end(): Promise<void> }>();
    connections.set(client, sessions);
    let feed: FeedId | undefined;
    let attempts = 0;

    client.on('authentication', (ctx) => {
      const refuse = (why: string) => {
        // 'none' is how every client starts: it learns from the refusal that only keys will do.
        if (ctx.method !== 'none') {
          attempts++;
          log(`sign-in refused (${why})`);
        }
        if (attempts >= MAX_AUTH_ATTEMPTS) {
          log('too many sign-in attempts: connection closed');
          client.end();
        } else ctx.reject(['publickey']);
      };
      if (ctx.method !== 'publickey') return refuse(ctx.method);
      const username = ctx.username;
      if (!isFeedId(username)) return refuse('unknown account');
      keyAccepted(database, username, ctx).then(
        (keyId) => {
          if (keyId === undefined) return refuse(`key not registered for ${username}`);
          if (ctx.signature) {
            feed = username;
            log(`${username} signed in (key ${keyId})`);
          }
          ctx.accept();
        },
        () => refuse('keys could not be checked'),
      );
    });

    client.on('ready', () => {
      const account = feed!;
      client.on('session', (accept) => {
        const session = accept();
        if (!session) return;
        session.on('sftp', (acceptSftp) => {
          const sftp = acceptSftp();
          if (!sftp) return;
          const s = serveSftpSession(sftp, {
            feed: account,
            database,
            dataDir,
            outboxDir: feedOutboxDir(dataDir, account),
            maxUploadBytes,
            jobs: opts.jobs,
            log: (event) => log(`${account}: ${event}`),
          });
          sessions.add(s);
          sftp.on('close', () => endSessions(new Set([s])));
        });
        for (const kind of ['shell', 'exec', 'pty', 'x11', 'subsystem', 'auth-agent', 'env', 'signal']) {
          session.on(kind, (_accept: unknown, reject?: () => void) => {
            if (kind !== 'env') log(`${account}: refused ${kind}`);
            reject?.();
          });
        }
      });
      client.on('tcpip', (_accept, reject) => {
        log(`${account}: refused port forwarding`);
        reject();
      });
      client.on('openssh.streamlocal', (_accept, reject) => reject());
      client.on('request', (_accept, reject) => {
        log(`${account}: refused forwarding request`);
        reject?.();
      });
    });

    client.on('error', (e: Error & { code?: string; level?: string }) => log(`connection error (${e.code ?? e.level ?? 'protocol'})`));
    client.on('close', () => {
      connections.delete(client);
      endSessions(sessions);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (e: NodeJS.ErrnoException) => log(`server error (${e.code ?? 'unknown'})`));

  return {
    port: (server.address() as AddressInfo).port,
    hostKeyFingerprint: hostKey.fingerprint,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const [client, sessions] of connections) {
        endSessions(sessions);
        client.end();
      }
      await Promise.race([closed, new Promise((r) => setTimeout(r, 5000))]);
      await Promise.allSettled([...endings]);
    },
  };
}
