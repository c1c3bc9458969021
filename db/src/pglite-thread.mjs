// The thread mast's embedded PostgreSQL (PGlite) runs in. PGlite computes in the thread that
// calls it, so in the server's own thread every statement stopped the requests and the ingest's
// matching until it was done; here the database works on one core while Node works on the other,
// as it does beside a PostgreSQL server. It answers pglite-in-thread.ts's messages, each with the
// id it came with. Plain JavaScript: it needs no TypeScript loader, in the server or under tests.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, parse, protocol, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const { dataDir, settings } = workerData;

/** The fields of an error that can cross to the other thread: PostgreSQL's code, detail,
 * constraint and the rest are what callers read. */
function errorFields(error) {
  const fields = { message: error instanceof Error ? error.message : String(error), name: error instanceof Error ? error.name : 'Error' };
  if (error && typeof error === 'object') {
    for (const [key, value] of Object.entries(error)) {
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
    }
  }
  return fields;
}

/** Drizzle asks for some types as PostgreSQL's text (dates, timestamps, intervals): the
 * message names their type ids, and each gets a parser that keeps the text. */
const keepText = (value) => value;
const parsersByKey = new Map();
function queryOptions(message) {
  const key = message.textTypes.join(',');
  let parsers = parsersByKey.get(key);
  if (!parsers) parsersByKey.set(key, (parsers = Object.fromEntries(message.textTypes.map((oid) => [oid, keepText]))));
  return { rowMode: message.rowMode, parsers };
}

/** Open transactions by id: each is PGlite's own transaction callback, held open until the
 * other thread says how it ends. */
const transactions = new Map();
let nextTransaction = 1;
/** Thrown into a transaction's callback to make PGlite roll it back. */
const ROLL_BACK = Symbol('roll back');

function begin(db) {
  return new Promise((begun, failed) => {
    const id = nextTransaction++;
    const done = db.transaction(
      (tx) =>
        new Promise((commit, rollBack) => {
          transactions.set(id, { tx, commit, rollBack, done });
          begun(id);
        }),
    );
    // Once begun, this settles nothing: a failure after BEGIN is `end`'s to report.
    done.catch(failed);
  });
}

async function end(id, commit) {
  const t = transactions.get(id);
  if (!t?.commit) throw new Error('The transaction has already ended.');
  transactions.delete(id);
  if (commit) t.commit();
  else t.rollBack(ROLL_BACK);
  try {
    await t.done;
  } catch (error) {
    if (error !== ROLL_BACK) throw error;
  }
}

/** The types drizzle's PGlite session keeps as PostgreSQL's text in a raw query's rows: a
 * prepared statement's rows must read the same as the same statement's run unprepared. */
const RAW_TEXT_TYPES = [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182];

/** A parameter as text, as the PostgreSQL client (pg) sends it for a prepared statement. */
function paramText(value) {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return types.arraySerializer(value, paramText, 0);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function concat(parts) {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}

/** Statements prepared on PGlite's one connection, by name: parsed and planned once, not on
 * every request (a session's lookup took a third of the time prepared). */
const prepared = new Map();

/** Runs a named prepared statement, preparing it the first time. Outside any transaction: it
 * takes PGlite's own locks in the order its query does, so it waits for an open transaction to
 * end and never runs inside one. */
function runPrepared(db, { name, text, params }) {
  const { serialize } = protocol;
  return db._runExclusiveTransaction(() =>
    db._runExclusiveQuery(async () => {
      // Read under the lock: two first calls at once must not both parse the statement.
      const known = prepared.get(name);
      if (known !== undefined && known !== text) throw new Error(`Two different statements are both named ${name}.`);
      const steps = [
        ...(known === undefined ? [serialize.parse({ name, text, types: [] })] : []),
        serialize.bind({ statement: name, values: params.map(paramText) }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ];
      let messages;
      try {
        ({ messages } = await db.execProtocol(concat(steps)));
      } catch (error) {
        // Parsed, but refused at a later step: forgotten, so that the next call parses it again.
        if (known === undefined) await db.execProtocol(concat([serialize.close({ type: 'S', name }), serialize.sync()])).catch(() => {});
        throw error;
      }
      prepared.set(name, text);
      return parse.parseResults(messages, db.parsers, queryOptions({ rowMode: 'object', textTypes: RAW_TEXT_TYPES }))[0].rows;
    }),
  );
}

async function handle(db, message) {
  switch (message.op) {
    case 'query': {
      const client = message.tx === undefined ? db : transactions.get(message.tx)?.tx;
      if (!client) throw new Error('The transaction has already ended.');
      return client.query(message.text, message.params, queryOptions(message));
    }
    case 'prepared':
      return runPrepared(db, message);
    case 'begin':
      return begin(db);
    case 'end':
      return end(message.tx, message.commit);
    case 'close':
      await db.close();
      return null;
    default:
      throw new Error(`Unknown message: ${message.op}`);
  }
}

try {
  const db = await PGlite.create({ dataDir, extensions: { pg_trgm }, startParams: [...PGlite.defaultStartParams, ...settings] });
  parentPort.on('message', (message) => {
    handle(db, message).then(
      (result) => parentPort.postMessage({ id: message.id, result }),
      (error) => parentPort.postMessage({ id: message.id, error: errorFields(error) }),
    );
  });
  parentPort.postMessage({ id: 0, result: 'open' });
} catch (error) {
  parentPort.postMessage({ id: 0, error: errorFields(error) });
}
