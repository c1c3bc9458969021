// Making and dropping whole databases on a PostgreSQL server: for tests and benchmarks, which
// each want a database of their own.
import pg from 'pg';

const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

async function onServer(adminUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** Creates database `name` on the server of `adminUrl` (dropping it first if asked) and returns its URL. */
export async function createServerDatabase(adminUrl: string, name: string, opts: { dropFirst?: boolean } = {}): Promise<string> {
  if (!SAFE_NAME.test(name)) throw new Error('unsafe database name');
  if (opts.dropFirst) await onServer(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await onServer(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropServerDatabase(adminUrl: string, name: string): Promise<void> {
  if (!SAFE_NAME.test(name)) throw new Error('unsafe database name');
  await onServer(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
