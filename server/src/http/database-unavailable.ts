// Whether an error means the database could not be reached (restarting, down, its connection
// cut), as opposed to a fault in mast: the first is answered 503 with a "try again", since the
// request will work once the database is back. Drivers and drizzle wrap errors, so the cause
// chain is walked.

/** PostgreSQL's codes for a server going away or not taking connections yet. */
const SERVER_GONE = new Set([
  '57P01', // admin_shutdown: the server is stopping (a restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
]);
/** Node's codes for a connection refused or cut. */
const SOCKET_GONE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres says these in words only, with no code. */
const CONNECTION_WORDS = /^(Connection terminated|Client has encountered a connection error|Connection terminated unexpectedly|timeout exceeded when trying to connect)/;

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (SERVER_GONE.has(code) || SOCKET_GONE.has(code) || code.startsWith('08'))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && CONNECTION_WORDS.test(message)) return true;
  }
  return false;
}
