// A header set on an answer already made (in a middleware, after next()). Hono's c.header would
// make the answer again around its body as a stream, which @hono/node-server then reads back
// chunk by chunk; set on the answer's own headers, the body stays what the route made (a string
// for JSON) and goes out in one write. An answer whose headers are fixed (one passed through
// from fetch) is made again, as c.header does.
import type { Context } from 'hono';

export function setAnswerHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}

/** Adds `value` to the answer's Vary unless it is there (or Vary is `*`). */
export function addVary(c: Context, value: string): void {
  const current = c.res.headers.get('vary');
  if (current === '*' || current?.split(',').some((v) => v.trim().toLowerCase() === value.toLowerCase())) return;
  setAnswerHeader(c, 'Vary', current ? `${current}, ${value}` : value);
}
