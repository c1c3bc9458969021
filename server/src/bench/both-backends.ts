// A benchmark run on PostgreSQL (a database made afresh on `url`) and then on PGlite, in a
// scratch folder removed afterwards, whatever happens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerDatabase, openDatabase, type Database } from '@mast/db';

export async function onBothBackends(
  opts: { url: string; database: string; scratch: string },
  bench: (name: 'PostgreSQL' | 'PGlite', database: Database, dir: string) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), opts.scratch));
  try {
    const pg = await openDatabase({ url: await createServerDatabase(opts.url, opts.database, { dropFirst: true }) });
    try {
      await bench('PostgreSQL', pg, dir);
    } finally {
      await pg.close();
    }
    const lite = await openDatabase({ dataDir: join(dir, 'pglite') });
    try {
      await bench('PGlite', lite, dir);
    } finally {
      await lite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
