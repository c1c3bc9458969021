// A PostgreSQL 15 cluster of a test's own, on a free port, for tests that stop or restart the
// database: never the shared one other tests and people use. Made with Debian's cluster tools
// (postgresql-common), which need root; trust authentication on loopback only.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { freePort } from '../bench/bench-server.ts';

const run = promisify(execFile);
const VERSION = '15';

/** Why a cluster of the test's own cannot be made here, or undefined when it can. */
export function whyNoOwnCluster(): string | undefined {
  if (!existsSync('/usr/bin/pg_createcluster') || !existsSync(`/usr/lib/postgresql/${VERSION}/bin/initdb`)) return `needs PostgreSQL ${VERSION} with Debian's pg_createcluster`;
  if (process.getuid?.() !== 0) return 'needs root to make a PostgreSQL cluster of its own';
  return undefined;
}

export interface OwnCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  readonly url: string;
  readonly port: number;
  /** Stops the server (pg_ctlcluster's default fast shutdown: open sessions are cut). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops and removes the cluster and its files. */
  drop(): Promise<void>;
}

export async function makeOwnCluster(name: string): Promise<OwnCluster> {
  const port = await freePort();
  const ctl = (action: 'start' | 'stop') => run('pg_ctlcluster', [VERSION, name, action]).then(() => {});
  await run('pg_createcluster', [VERSION, name, '-p', String(port), '--start', '--', '--auth-host=trust', '--auth-local=trust']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => ctl('stop'),
    start: () => ctl('start'),
    drop: () => run('pg_dropcluster', [VERSION, name, '--stop']).then(() => {}),
  };
}
