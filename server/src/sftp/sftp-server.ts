// The SFTP endpoint partners push their daily files to. A username is a feed id; the only way in
// is a public key registered for that feed (`pnpm mast sftp-key add`) and not revoked, proved by
// its signature. A session gets the SFTP subsystem and nothing else: no shell, no commands, no
// forwarding. Nobody holds a connection without signing in, and connections are capped (in all,
// per feed, and waiting to sign in per address): the HTTP API shares this process's file
// descriptors. Logs kinds of events, never a file's name or contents.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { AuthContext, Connection } from 'ssh2';
import { isFeedId, type FeedId } from '@mast/shared';
import { liveSftpKeys, type Database } from '@mast/db';
import { sftpReportDays, uploadLimits } from '../config.ts';
import { loadOrCreateHostKey } from './host-key.ts';
import { serveSftpSession } from './sftp-session.ts';

/** Sign-in attempts (the 'none' every client starts with, keys offered, passwords tried) before the
 * connection is closed. */
const MAX_AUTH_ATTEMPTS = 10;
/** A connection not signed in by then is dropped (ssh2 itself waits for ever). */
const SIGN_IN_MS = 30_000;
/** Connections open at once in this process, signed in or not; more are refused at once. */
const MAX_CONNECTIONS = 64;
/** Connections not yet signed in from one address at once: one host (a scanner, a flood) cannot
 * hold every connection while partners elsewhere are refused. A partner's own client signs in
 * within a second, so even partners behind one shared address rarely have two waiting. */
const MAX_WAITING_PER_ADDRESS = 8;
/** Signed-in connections one feed may hold at once: one partner's runaway script cannot take
 * every connection. */
const MAX_FEED_CONNECTIONS = 8;
/** A connection with no request for this long is closed (an upload in progress makes requests). */
const IDLE_MS = 10 * 60_000;
/** How often an open connection's key is checked again: revoking a key ends its connections. */
const KEY_CHECK_MS = 30_000;

export interface SftpServerOptions {
  database: Database;
  dataDir: string;
  port: number;
  host: string;
  /** The process's job worker, woken when a file has been queued. */
  jobs: { wake(): void };
  /** Largest file accepted (config.uploads.maxBytes); defaults to 200 MB. */
  maxUploadBytes?: number;
  /** Files one feed may send per hour, over SFTP and HTTPS together (config.uploads.perHour);
   * defaults to 60. */
  uploadsPerHour?: number;
  /** Days a report stays in a partner's outbox (config.sftpReportDays); defaults to 30. */
  reportDays?: number;
  /** The clock for the hourly limit, injectable for tests. */
  now?: () => Date;
  /** Defaults to 30 s to sign in. */
  signInMs?: number;
  /** Defaults to 64 connections, and 8 signed in per feed. */
  maxConnections?: number;
  maxFeedConnections?: number;
  /** Defaults to 8 connections not yet signed in from one address. */
  maxWaitingPerAddress?: number;
  /** Defaults to 10 minutes without a request. */
  idleMs?: number;
  /** Defaults to 30 s. */
  keyCheckMs?: number;
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

/**
 * Deletes outbox reports older than `maxAgeMs` (by when they were written). A report names no
 * person, but nothing needs it for long, and an outbox must not grow for ever. Every process
 * may run this: deleting what another already deleted is harmless.
 */
export async function pruneOutboxes(dataDir: string, maxAgeMs: number): Promise<number> {
  const feeds = await readdir(sftpDir(dataDir), { withFileTypes: true }).catch(() => []);
  let removed = 0;
  for (const f of feeds) {
    if (!f.isDirectory() || !isFeedId(f.name)) continue;
    const dir = feedOutboxDir(dataDir, f.name);
    for (const n of await readdir(dir).catch(() => [] as string[])) {
      const s = await stat(join(dir, n)).catch(() => undefined);
      if (s?.isFile() && Date.now() - s.mtimeMs > maxAgeMs) {
        await rm(join(dir, n), { force: true });
        removed++;
      }
    }
  }
  return removed;
}

/** Counts refused connections and logs how many at most once a minute: a flood of connections
 * must not flood the log too. */
function countedRefusals(log: (line: string) => void, line: (n: number) => string): () => void {
  let refused = 0;
  let logged = 0;
  return () => {
    refused++;
    if (Date.now() - logged < 60_000) return;
    log(line(refused));
    refused = 0;
    logged = Date.now();
  };
}

export async function startSftpServer(opts: SftpServerOptions): Promise<SftpServer> {
  const { database, dataDir } = opts;
  const log = opts.log ?? ((line: string) => console.log(`mast sftp: ${line}`));
  // The documented defaults, not the environment: main.ts passes what readConfig() read.
  const defaults = uploadLimits({});
  const maxUploadBytes = opts.maxUploadBytes ?? defaults.maxBytes;
  const uploadsPerHour = opts.uploadsPerHour ?? defaults.perHour;
  const now = opts.now ?? (() => new Date());
  const idleMs = opts.idleMs ?? IDLE_MS;
  const keyCheckMs = opts.keyCheckMs ?? KEY_CHECK_MS;
  const signInMs = opts.signInMs ?? SIGN_IN_MS;
  const maxConnections = opts.maxConnections ?? MAX_CONNECTIONS;
  const maxFeedConnections = opts.maxFeedConnections ?? MAX_FEED_CONNECTIONS;
  const maxWaitingPerAddress = opts.maxWaitingPerAddress ?? MAX_WAITING_PER_ADDRESS;
  const hostKey = await loadOrCreateHostKey(sftpDir(dataDir));
  // Part files a killed process left in staging are swept with the other staged files
  // (startUploadSweeps in feeds/uploads.ts), in every server process.
  // Reports are left in a partner's outbox this long, then deleted.
  const keepReports = (opts.reportDays ?? sftpReportDays({})) * 86_400_000;
  const prune = () =>
    pruneOutboxes(dataDir, keepReports).then(
      (n) => n > 0 && log(`deleted ${n} outbox report(s) older than ${keepReports / 86_400_000} days`),
      () => log('outbox reports could not be pruned'),
    );
  await prune();
  const pruning = setInterval(() => void prune(), 24 * 3600_000);
  pruning.unref();

  const connections = new Map<Connection, Set<{ end(): Promise<void> }>>();
  const feedConnections = new Map<FeedId, number>();
  // Sockets not yet signed in, by the peer's address and port (all ssh2 tells of a connection's socket).
  const notSignedIn = new Map<string, { socket: Socket; timer: NodeJS.Timeout; address: string }>();
  // How many of them each address holds.
  const waitingFrom = new Map<string, number>();
  const peer = (address: string | undefined, port: number | undefined) => `${address}|${port}`;
  /** The connection at `at` has signed in or closed: it no longer waits. */
  const stopWaiting = (at: string) => {
    const waiting = notSignedIn.get(at);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    notSignedIn.delete(at);
    const left = (waitingFrom.get(waiting.address) ?? 1) - 1;
    if (left > 0) waitingFrom.set(waiting.address, left);
    else waitingFrom.delete(waiting.address);
  };
  const endings = new Set<Promise<void>>();
  const endSessions = (sessions: Set<{ end(): Promise<void> }>) => {
    for (const s of sessions) {
      const p = s.end().catch(() => {});
      endings.add(p);
      void p.finally(() => endings.delete(p));
    }
  };

  const server = new ssh2.Server({ hostKeys: [hostKey.privateKey], ident: 'mast' }, (client, info) => {
    const sessions = new Set<{ end(): Promise<void> }>();
    connections.set(client, sessions);
    let feed: FeedId | undefined;
    let signedWith: number | undefined;
    let attempts = 0;
    let lastActivity = Date.now();
    let watch: NodeJS.Timeout | undefined;
    // The key check is a database query: the connection may close (the sign-in timer, the client)
    // before it answers, and a late answer must then neither sign in nor take a feed's slot.
    let closed = false;
    let counted = false;

    client.on('authentication', (ctx) => {
      // Every attempt counts, 'none' too: asking for ever must not keep a connection open.
      if (++attempts > MAX_AUTH_ATTEMPTS) {
        if (attempts === MAX_AUTH_ATTEMPTS + 1) log('too many sign-in attempts: connection closed');
        client.end();
        return;
      }
      const refuse = (why: string) => {
        // 'none' is how every client starts: it learns from the refusal that only keys will do.
        if (ctx.method !== 'none') log(`sign-in refused (${why})`);
        ctx.reject(['publickey']);
      };
      if (ctx.method !== 'publickey') return refuse(ctx.method);
      const username = ctx.username;
      if (!isFeedId(username)) return refuse('unknown account');
      keyAccepted(database, username, ctx).then(
        (keyId) => {
          if (closed) return;
          if (keyId === undefined) return refuse(`key not registered for ${username}`);
          if (ctx.signature) {
            const open = feedConnections.get(username) ?? 0;
            if (open >= maxFeedConnections) {
              log(`${username}: ${open} connections already open: sign-in refused, connection closed`);
              client.end();
              return;
            }
            feedConnections.set(username, open + 1);
            counted = true;
            feed = username;
            signedWith = keyId;
            log(`${username} signed in (key ${keyId})`);
          }
          ctx.accept();
        },
        () => {
          if (!closed) refuse('keys could not be checked');
        },
      );
    });

    client.on('ready', () => {
      if (closed) return;
      const account = feed!;
      const key = signedWith!;
      stopWaiting(peer(info.ip, info.port));
      // Idle connections are closed, and so is every connection of a key revoked while it is open.
      watch = setInterval(() => {
        if (Date.now() - lastActivity > idleMs) {
          log(`${account}: idle for ${Math.round(idleMs / 1000)} s: connection closed`);
          client.end();
          return;
        }
        liveSftpKeys(database.db, account).then(
          (keys) => {
            if (!keys.some((k) => k.id === key)) {
              log(`${account}: key ${key} revoked: connection closed`);
              client.end();
            }
          },
          () => {},
        );
      }, Math.min(keyCheckMs, idleMs));
      watch.unref();
      client.on('session', (accept) => {
        const session = accept();
        if (!session) return;
        session.on('sftp', (acceptSftp) => {
          const sftp = acceptSftp();
          if (!sftp) return;
          const feedLog = (event: string) => log(`${account}: ${event}`);
          const s = serveSftpSession(sftp, {
            feed: account,
            gate: { database, dataDir, maxBytes: maxUploadBytes, perHour: uploadsPerHour, now, jobs: opts.jobs, log: feedLog },
            outboxDir: feedOutboxDir(dataDir, account),
            log: feedLog,
            onActivity: () => (lastActivity = Date.now()),
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
      closed = true;
      clearInterval(watch);
      connections.delete(client);
      if (counted) feedConnections.set(feed!, feedConnections.get(feed!)! - 1);
      endSessions(sessions);
    });
  });

  // Sockets are accepted here, not by ssh2, so that they can be capped and timed from the first
  // byte: ssh2 tells of a connection only once the client has sent its greeting.
  const refusedFull = countedRefusals(log, (n) => `${n} connection(s) refused: ${maxConnections} already open`);
  const refusedCrowded = countedRefusals(log, (n) => `${n} connection(s) refused: ${maxWaitingPerAddress} from the same address not signed in yet`);
  const listener = createServer((socket) => {
    const address = socket.remoteAddress ?? '';
    const waiting = waitingFrom.get(address) ?? 0;
    if (waiting >= maxWaitingPerAddress) {
      refusedCrowded();
      socket.destroy();
      return;
    }
    waitingFrom.set(address, waiting + 1);
    const at = peer(socket.remoteAddress, socket.remotePort);
    const timer = setTimeout(() => {
      log(`not signed in within ${Math.round(signInMs / 1000)} s: connection closed`);
      socket.destroy();
    }, signInMs);
    notSignedIn.set(at, { socket, timer, address });
    socket.once('close', () => {
      if (notSignedIn.get(at)?.socket === socket) stopWaiting(at);
    });
    server.injectSocket(socket);
  });
  listener.maxConnections = maxConnections;
  listener.on('drop', refusedFull);
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(opts.port, opts.host, () => {
      listener.off('error', reject);
      resolve();
    });
  });
  listener.on('error', (e: NodeJS.ErrnoException) => log(`server error (${e.code ?? 'unknown'})`));

  return {
    port: (listener.address() as AddressInfo).port,
    hostKeyFingerprint: hostKey.fingerprint,
    async close() {
      clearInterval(pruning);
      const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
      for (const { socket } of notSignedIn.values()) socket.destroy();
      for (const [client, sessions] of connections) {
        endSessions(sessions);
        client.end();
      }
      await Promise.race([closed, new Promise((r) => setTimeout(r, 5000))]);
      await Promise.allSettled([...endings]);
    },
  };
}
