// A fresh, migrated database for one test file: a new database on the PostgreSQL server named
// by DATABASE_URL when it is set, otherwise an in-memory PGlite. Dropped again on close.
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from './client.ts';
import { createServerDatabase, dropServerDatabase } from './postgres-admin.ts';

export async function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    return database;
  }
  const name = `mast_test_${randomBytes(6).toString('hex')}`;
  const database = await openDatabase({ url: await createServerDatabase(url, name), poolSize: 4 });
  await database.migrate();
  return {
    ...database,
    async close() {
      await database.close();
      await dropServerDatabase(url, name);
    },
  };
}
