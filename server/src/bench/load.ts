// A small closed-loop load generator: C clients, each sending its next request as soon as the
// last one answers, for a fixed time. Latencies are kept whole so percentiles are exact.
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export async function runLoad(opts: {
  clients: number;
  seconds: number;
  /** One request; resolves true when it succeeded. `i` counts requests across clients. */
  request: (i: number) => Promise<boolean>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let counter = 0;
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.clients }, async () => {
      while (performance.now() < deadline) {
        const i = counter++;
        const t0 = performance.now();
        let ok = false;
        try {
          ok = await opts.request(i);
        } catch {
          ok = false;
        }
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The median of each figure over several rounds: one noisy round does not decide. */
export function medianResult(rounds: LoadResult[]): LoadResult {
  const pick = (k: keyof LoadResult) => median(rounds.map((r) => r[k]));
  return {
    requests: pick('requests'),
    errors: pick('errors'),
    seconds: pick('seconds'),
    perSecond: pick('perSecond'),
    p50: pick('p50'),
    p95: pick('p95'),
    p99: pick('p99'),
  };
}
