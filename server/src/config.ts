// Settings from the environment, read once at start.
import { resolve } from 'node:path';
import type { Role } from '@mast/shared';
import { bulkReadLimits } from './audit/bulk-read-guard.ts';

export interface Config {
  port: number;
  /** Where a feed file's rows are read (MAST_INGEST_WORKER); undefined: by the file's size. */
  ingestRowStage: 'worker' | 'thread' | undefined;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Load the synthetic borough and demo accounts into an empty database. */
  demo: boolean;
  demoScale: number;
  demoSeed: number;
  /** Server processes on one port (PostgreSQL only). */
  workers: number;
  /** Run the SFTP endpoint partners push files to (MAST_SFTP=0 turns it off). */
  sftp: boolean;
  sftpPort: number;
  /** Days a report stays in a partner's SFTP outbox (MAST_SFTP_REPORT_DAYS). */
  sftpReportDays: number;
  /** Partner files, over SFTP and HTTPS alike. */
  uploads: UploadLimits;
  /** Sign-ins: idle timeout and absolute limit. */
  sessions: SessionLimits;
  /** Create (and print) the demo's accounts with their known passwords (demoAccountsWanted). */
  demoAccounts: boolean;
  /** Every password account must have a second factor (when MAST_DEMO=0). */
  requireSecondFactor: boolean;
  /** Hours a phone keeps its alert list (MAST_ALERT_LIST_HOURS). */
  alertListHours: number;
  /** Views a minute per role before reading slows (MAST_BULK_READ_LIMITS); the roles not named keep their defaults. */
  bulkReadLimits: Record<Role, number>;
  /** The origin people reach mast at (MAST_PUBLIC_URL); undefined: the origin each request came to. */
  publicOrigin: string | undefined;
  /** How long an invitation link stays usable (MAST_INVITE_HOURS). */
  inviteHours: number;
  /** Behind a proxy: believe its X-Forwarded-* headers (MAST_TRUST_PROXY=1). */
  trustProxy: boolean;
  /** How long a job stays one process's without a renewal (MAST_JOB_LEASE_MS). */
  jobLeaseMs: number;
  /** PostgreSQL streaming replicas lookups read from (DATABASE_REPLICA_URL, comma separated). */
  replicaUrls: string[];
  /** A replica further behind the primary than this is not read from (MAST_REPLICA_MAX_LAG_SECONDS). */
  replicaMaxLagSeconds: number;
}

export interface SessionLimits {
  /** A session unused this long ends (MAST_SESSION_IDLE_MINUTES, default 30). */
  idleMinutes: number;
  /** A session ends this long after sign-in however busy it is: a shift (MAST_SESSION_HOURS, default 12). */
  hours: number;
}

export interface UploadLimits {
  /** Largest file accepted, in bytes (MAST_UPLOAD_MAX_BYTES). */
  maxBytes: number;
  /** Files one feed may send per hour, both ways together (MAST_UPLOADS_PER_HOUR). */
  perHour: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxBytes: 200_000_000, perHour: 60 };

function numberFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
}

// Digits only: "200MB" or "1e9" must not become NaN or a surprise, and a limit read as NaN would
// switch itself off (every comparison with NaN is false).
function wholeNumberFrom(value: string | undefined, fallback: number, name: string, unit: string): number {
  if (value === undefined || value === '') return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a whole number of ${unit} greater than 0 (it is "${value}")`);
  return n;
}

/** The upload limits, checked: a value that is not a whole number stops the server starting. */
export function uploadLimits(env: NodeJS.ProcessEnv = process.env): UploadLimits {
  return {
    maxBytes: wholeNumberFrom(env.MAST_UPLOAD_MAX_BYTES, DEFAULT_UPLOAD_LIMITS.maxBytes, 'MAST_UPLOAD_MAX_BYTES', 'bytes'),
    perHour: wholeNumberFrom(env.MAST_UPLOADS_PER_HOUR, DEFAULT_UPLOAD_LIMITS.perHour, 'MAST_UPLOADS_PER_HOUR', 'files'),
  };
}

/** Days a report stays in a partner's SFTP outbox, checked: a bad value stops the server
 * starting (not only its SFTP endpoint). */
export function sftpReportDays(env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumberFrom(env.MAST_SFTP_REPORT_DAYS, 30, 'MAST_SFTP_REPORT_DAYS', 'days');
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMinutes: 30, hours: 12 };
export const DEFAULT_ALERT_LIST_HOURS = 12;

/** Session limits, checked: a value that is not a whole number stops the server starting. */
export function sessionLimits(env: NodeJS.ProcessEnv = process.env): SessionLimits {
  return {
    idleMinutes: wholeNumberFrom(env.MAST_SESSION_IDLE_MINUTES, DEFAULT_SESSION_LIMITS.idleMinutes, 'MAST_SESSION_IDLE_MINUTES', 'minutes'),
    hours: wholeNumberFrom(env.MAST_SESSION_HOURS, DEFAULT_SESSION_LIMITS.hours, 'MAST_SESSION_HOURS', 'hours'),
  };
}

/** Hours a phone keeps its alert list (default a shift), checked: a bad value stops the server starting. */
export function alertListHoursFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumberFrom(env.MAST_ALERT_LIST_HOURS, DEFAULT_ALERT_LIST_HOURS, 'MAST_ALERT_LIST_HOURS', 'hours');
}

/** How long a job stays one process's without a renewal, checked: "60s" must not become NaN (a lease that never holds). */
export function jobLeaseMs(env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumberFrom(env.MAST_JOB_LEASE_MS, 60_000, 'MAST_JOB_LEASE_MS', 'milliseconds');
}

/**
 * The replicas lookups may read from: PostgreSQL URLs, comma separated, each a streaming replica
 * of DATABASE_URL's server (without it there is nothing for them to follow).
 */
export function replicaUrls(env: NodeJS.ProcessEnv = process.env): string[] {
  const value = env.DATABASE_REPLICA_URL?.trim();
  if (!value) return [];
  if (!env.DATABASE_URL) throw new Error('DATABASE_REPLICA_URL needs DATABASE_URL: replicas follow a PostgreSQL primary');
  return value.split(',').map((part, i) => {
    const url = part.trim();
    const parsed = URL.canParse(url) ? new URL(url) : null;
    // Only the position is quoted: the URL may hold a password.
    // Two URLs run together ("a;b", "a b") would parse as one with a strange database name.
    const runTogether = /\s/.test(url) || url.indexOf('://') !== url.lastIndexOf('://');
    if (!parsed || (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') || !parsed.hostname || runTogether) {
      throw new Error(`DATABASE_REPLICA_URL must be postgres:// URLs separated by commas (number ${i + 1} is not one)`);
    }
    return url;
  });
}

/**
 * Where a feed file's rows are read and their addresses matched: MAST_INGEST_WORKER=always (a
 * worker thread), never (the ingest's own thread), or unset (decided by the file's size). Passed
 * to ingestFeedFile as `rowStage`; any other value stops the server starting.
 */
export function ingestRowStage(env: NodeJS.ProcessEnv = process.env): 'worker' | 'thread' | undefined {
  const value = env.MAST_INGEST_WORKER;
  if (value === undefined || value === '') return undefined;
  if (value === 'always') return 'worker';
  if (value === 'never') return 'thread';
  throw new Error(`MAST_INGEST_WORKER must be always or never (it is "${value}")`);
}

/** With the demo off (MAST_DEMO=0) every password account must have a second factor. */
export function secondFactorRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.MAST_DEMO === '0';
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Whether to create the demo's accounts, whose passwords are published. Only for a demo on this
 * machine alone: with DATABASE_URL set (a shared database) or listening beyond loopback, a
 * deployment could come up with known passwords by accident, so then only MAST_DEMO_ACCOUNTS=1
 * asks for them; MAST_DEMO_ACCOUNTS=0 always refuses.
 */
export function demoAccountsWanted(opts: { demo: boolean; databaseUrl: string | undefined; host: string; demoAccounts: string | undefined }): boolean {
  if (!opts.demo || opts.demoAccounts === '0') return false;
  if (opts.demoAccounts === '1') return true;
  return opts.databaseUrl === undefined && isLoopback(opts.host);
}

/** How long an invitation link stays usable (MAST_INVITE_HOURS, default 72, at most 30 days). */
export function inviteHours(env: NodeJS.ProcessEnv = process.env): number {
  const hours = wholeNumberFrom(env.MAST_INVITE_HOURS, DEFAULT_INVITE_HOURS, 'MAST_INVITE_HOURS', 'hours');
  if (hours > 24 * 30) throw new Error(`MAST_INVITE_HOURS must be at most 720 hours (it is "${env.MAST_INVITE_HOURS}")`);
  return hours;
}

export const DEFAULT_INVITE_HOURS = 72;

/** The origin people reach mast at (MAST_PUBLIC_URL), for links and the sign-on callback; undefined when not set. */
export function publicOrigin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.MAST_PUBLIC_URL;
  if (!value) return undefined;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new Error('MAST_PUBLIC_URL must be an http(s) URL such as https://mast.example.org');
  return url.origin;
}

/** Where the command line's links point when MAST_PUBLIC_URL is not set: the server's default address. */
export const DEFAULT_PUBLIC_ORIGIN = 'http://127.0.0.1:3000';

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: numberFrom(env.PORT, 3000, 'PORT'),
    ingestRowStage: ingestRowStage(env),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.MAST_DATA_DIR ?? '.data'),
    demo: env.MAST_DEMO !== '0',
    demoScale: numberFrom(env.MAST_DEMO_SCALE, 1, 'MAST_DEMO_SCALE'),
    demoSeed: numberFrom(env.MAST_DEMO_SEED, 1, 'MAST_DEMO_SEED'),
    workers: Math.floor(numberFrom(env.MAST_WORKERS, 1, 'MAST_WORKERS')),
    sftp: env.MAST_SFTP !== '0',
    sftpPort: numberFrom(env.MAST_SFTP_PORT, 2222, 'MAST_SFTP_PORT'),
    sftpReportDays: sftpReportDays(env),
    uploads: uploadLimits(env),
    sessions: sessionLimits(env),
    demoAccounts: demoAccountsWanted({
      demo: env.MAST_DEMO !== '0',
      databaseUrl: env.DATABASE_URL || undefined,
      host: env.HOST ?? '127.0.0.1',
      demoAccounts: env.MAST_DEMO_ACCOUNTS,
    }),
    requireSecondFactor: secondFactorRequired(env),
    alertListHours: alertListHoursFromEnv(env),
    bulkReadLimits: bulkReadLimits(env.MAST_BULK_READ_LIMITS),
    publicOrigin: publicOrigin(env),
    inviteHours: inviteHours(env),
    trustProxy: env.MAST_TRUST_PROXY === '1',
    jobLeaseMs: jobLeaseMs(env),
    replicaUrls: replicaUrls(env),
    replicaMaxLagSeconds: numberFrom(env.MAST_REPLICA_MAX_LAG_SECONDS, 5, 'MAST_REPLICA_MAX_LAG_SECONDS'),
  };
}
