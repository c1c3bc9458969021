// The types every query takes: the database handle (a transaction is one too) and what
// openDatabase returns. Kept apart from client.ts so queries need not import the drivers' module.
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Backend = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  backend: Backend;
  /** Runs raw SQL and returns its rows (the same shape on both drivers). */
  query<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** Brings the schema up to date with the committed migrations. Safe to run on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://... ; when absent, PGlite is used. */
  url?: string;
  /** PGlite data folder; 'memory://' for a throwaway in-memory database. */
  dataDir?: string;
  /** Connection pool size (PostgreSQL only). */
  poolSize?: number;
}

