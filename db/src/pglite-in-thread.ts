// PGlite in a thread of its own (pglite-thread.mjs), seen from this thread as the part of
// PGlite's client that drizzle uses: query, and transaction with a client of its own. Statements
// and their answers cross as messages; a transaction stays open in the database's thread until
// this side says commit or roll back, so it holds PGlite's one connection exactly as it would
// in this thread.
import { Worker } from 'node:worker_threads';

type Message =
  | { op: 'query'; text: string; params: unknown[]; rowMode: 'array' | 'object' | undefined; textTypes: number[]; tx?: number }
  | { op: 'prepared'; name: string; text: string; params: unknown[] }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'close' };

interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, unknown>;
}

/** What drizzle's PGlite session calls, and nothing more. */
export interface PgliteClient {
  query(text: string, params?: unknown[], options?: QueryOptions): Promise<unknown>;
  transaction<T>(fn: (tx: Pick<PgliteClient, 'query'>) => Promise<T>): Promise<T>;
  /** Rows of a named prepared statement, planned the first time (queries/rows.ts). */
  prepared(name: string, text: string, params: unknown[]): Promise<unknown[]>;
  close(): Promise<void>;
}

/** An error from the database's thread, with PostgreSQL's fields (code, detail, constraint...). */
function rebuildError(fields: Record<string, unknown>): Error {
  const { message, name, ...rest } = fields;
  const error = new Error(String(message));
  error.name = String(name);
  return Object.assign(error, rest);
}

export async function openPgliteInThread(dataDir: string, settings: readonly string[]): Promise<PgliteClient> {
  // The thread is plain JavaScript and needs none of this process's flags (a loader, a probe),
  // but a CPU profile asked of the process (bench:ingest --profile) is asked of the database's thread too.
  const execArgv = process.execArgv.filter((flag) => flag.startsWith('--cpu-prof'));
  const worker = new Worker(new URL('./pglite-thread.mjs', import.meta.url), { workerData: { dataDir, settings }, execArgv });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 1;
  let stopped: Error | undefined;

  const opened = new Promise<void>((resolve, reject) => pending.set(0, { resolve: () => resolve(), reject }));
  worker.on('message', (m: { id: number; result?: unknown; error?: Record<string, unknown> }) => {
    const call = pending.get(m.id);
    if (!call) return;
    pending.delete(m.id);
    // Idle, the thread must not keep the process alive (a test or a command that has finished).
    if (pending.size === 0) worker.unref();
    if (m.error) call.reject(rebuildError(m.error));
    else call.resolve(m.result);
  });
  const stop = (error: Error) => {
    stopped = error;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  worker.on('error', (error) => stop(new Error(`The embedded database stopped: ${error.message}`)));
  worker.on('exit', () => stop(stopped ?? new Error('The embedded database has been closed.')));

  const call = <T>(message: Message): Promise<T> => {
    if (stopped) return Promise.reject(stopped);
    const id = next++;
    // While an answer is awaited the thread keeps the process alive: nothing else may.
    if (pending.size === 0) worker.ref();
    const answer = new Promise<T>((resolve, reject) => pending.set(id, { resolve: resolve as (value: unknown) => void, reject }));
    worker.postMessage({ id, ...message });
    return answer;
  };
  const queryIn = (tx: number | undefined) => (text: string, params: unknown[] = [], options: QueryOptions = {}) =>
    call({ op: 'query', text, params, rowMode: options.rowMode, textTypes: Object.keys(options.parsers ?? {}).map(Number), tx });

  try {
    await opened;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return {
    query: queryIn(undefined),
    prepared: (name, text, params) => call({ op: 'prepared', name, text, params }),
    async transaction(fn) {
      const tx = await call<number>({ op: 'begin' });
      let result;
      try {
        result = await fn({ query: queryIn(tx) });
      } catch (error) {
        await call({ op: 'end', tx, commit: false }).catch(() => {});
        throw error;
      }
      await call({ op: 'end', tx, commit: true });
      return result;
    },
    async close() {
      if (stopped) return;
      await call({ op: 'close' });
      await worker.terminate();
    },
  };
}
