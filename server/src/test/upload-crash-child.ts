// A server process that takes an upload job and then hangs in the middle of applying it, so the
// crash test can kill -9 it at a known point: after some batches are written inside the file's
// transaction, before the commit. Test-only.
import { openDatabase } from '@mast/db';
import { APPLY_UPLOAD, applyUploadHandler } from '../feeds/uploads.ts';
import { startJobWorker } from '../jobs/worker.ts';

const database = await openDatabase(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dataDir: process.env.MAST_DATA_DIR! });
const stallAfter = Number(process.env.STALL_AFTER_ROWS);
startJobWorker(
  database,
  {
    [APPLY_UPLOAD]: applyUploadHandler(database, {
      async progress(rows) {
        if (rows >= stallAfter) {
          process.stdout.write('STALLED\n');
          await new Promise(() => {}); // wait to be killed
        }
      },
    }),
  },
  { pollMs: 50, leaseMs: 1500 },
);
