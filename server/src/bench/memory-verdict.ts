// Whether a server's memory stayed flat under steady load (bench:load). Resident memory read each
// second cannot say: it rises while the heap grows to its working size after the start, and
// between major collections, which under this load come more than a minute apart, it climbs by
// tens of MB of garbage not yet swept, so a line fitted through a minute of it slopes with
// wherever the collections fell. What tells a leak from that is what survives a full collection,
// read at the end of the warm-up and again after the counted load: the JavaScript heap's data
// with the memory its objects own outside it (a leak is exactly memory no collection frees). The
// resident memory a few seconds after each collection is shown beside it but not judged: V8 gives
// freed pages back when it chooses, and on a clean run it read 24 MB higher after the minute.
import type { HeapAfterGc } from './bench-server.ts';

/** Growing by at most this many MB a minute is flat (memory given back is no leak). */
export const FLAT_MB_PER_MINUTE = 2;

const MB = 1024 * 1024;
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const signed = (n: number, unit: string) => `${n >= 0 ? '+' : ''}${fmt(n, 2)} ${unit}`;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** What the process holds as data: its heap without the compiled code (which grows for minutes
 * as the JIT optimises what runs hot, more slowly on a busy machine), and the memory its objects
 * own outside the heap. */
export const heldMb = (h: HeapAfterGc) => (h.heapUsed - h.code + h.external) / MB;

/** Least-squares slope of y over x. */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxy / sxx;
}

export function judgeMemory(m: {
  /** Resident memory each second from the first request, `t` in seconds. */
  samples: { t: number; rssMb: number }[];
  /** When the counted load began, in the samples' seconds. */
  measuredFrom: number;
  seconds: number;
  /** After a full collection at the end of the warm-up, and again after the counted load (none
   * read: several server processes, memory shown only). */
  held0: HeapAfterGc | undefined;
  held1: HeapAfterGc | undefined;
}): { ok: boolean | undefined; rows: [string, string, string][] } {
  const rows: [string, string, string][] = [];
  const warm = m.samples.filter((s) => s.t < m.measuredFrom);
  const counted = m.samples.filter((s) => s.t >= m.measuredFrom);
  const trace = (xs: { rssMb: number }[]) => xs.filter((_, i) => i % 5 === 0).map((s) => fmt(s.rssMb, 0)).join(' ');
  if (warm.length > 0) rows.push(['RSS in warm-up, every 5 s', '', `${trace(warm)} MB (not judged)`]);
  rows.push(['RSS counted, every 5 s', '', `${trace(counted)} MB`]);

  const rss = counted.map((s) => s.rssMb);
  rows.push(['server RSS start/max/end', `${fmt(rss[0]!, 0)} / ${fmt(Math.max(...rss), 0)} / ${fmt(rss.at(-1)!, 0)} MB`, `${counted.length} samples, 1 s apart`]);
  const fitted = slope(counted.map((s) => ({ x: s.t, y: s.rssMb }))) * 60;
  rows.push(['  line fitted through it', signed(fitted, 'MB/min'), 'shown, not judged: collections sway it']);

  if (!m.held0 || !m.held1) {
    rows.push(['memory flat', 'not judged', 'several server processes: run with one for what a full collection leaves']);
    return { ok: undefined, rows };
  }
  const minutes = m.seconds / 60;
  const drift = (before: number, after: number) => (after - before) / minutes;
  const heldDrift = drift(heldMb(m.held0), heldMb(m.held1));
  const heldOk = heldDrift <= FLAT_MB_PER_MINUTE;
  rows.push([
    'held after full GC',
    `${fmt(heldMb(m.held0), 1)} -> ${fmt(heldMb(m.held1), 1)} MB`,
    `${signed(heldDrift, 'MB/min')}, growth at most ${FLAT_MB_PER_MINUTE}: ${verdict(heldOk)} (heap ${fmt(m.held0.heapUsed / MB, 1)} -> ${fmt(m.held1.heapUsed / MB, 1)}, of it code ${fmt(m.held0.code / MB, 1)} -> ${fmt(m.held1.code / MB, 1)})`,
  ]);
  const rssDrift = drift(m.held0.rss / MB, m.held1.rss / MB);
  rows.push([
    'RSS after full GC',
    `${fmt(m.held0.rss / MB, 1)} -> ${fmt(m.held1.rss / MB, 1)} MB`,
    `${signed(rssDrift, 'MB/min')}, shown, not judged: V8 keeps pages it may reuse (collections took ${fmt(m.held0.gcMs, 0)} and ${fmt(m.held1.gcMs, 0)} ms, outside the counted load)`,
  ]);
  const ok = heldOk;
  rows.push(['memory flat', verdict(ok), 'what a full collection leaves not growing']);
  return { ok, rows };
}
