// `tsx src/bench/profile-top.ts FILE.cpuprofile [N]`: where a CPU profile's time went, as two
// lists of the N busiest functions (default 30): by their own time, and with everything they
// called. A function is named by its name, file and line; idle time and the garbage collector
// are listed like functions, so a thread that waits or makes garbage shows it. Reads the profiles
// `bench:ingest --profile DIR` writes (one for each thread) or any Chrome-format .cpuprofile.
// --last S keeps only the samples of the profile's last S seconds (a server's profile runs from
// its start, and what a load costs is its steady part: `bench:load --profile` stops the server
// a few seconds after the counted load).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values: opts, positionals } = parseArgs({ allowPositionals: true, options: { last: { type: 'string' } } });
const [file, many] = positionals;
if (!file) throw new Error('usage: profile-top.ts [--last S] FILE.cpuprofile [N]');
const top = Number(many ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
// tsx runs TypeScript as it compiles it, so a .ts file's line numbers are the compiled code's: left out.
const nameOf = ({ callFrame: f }: ProfileNode) =>
  `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}${f.url.endsWith('.ts') || f.lineNumber < 0 ? '' : `:${f.lineNumber + 1}`}`;

// Microseconds per node, from each sample and the time until the next.
const spent = new Map<number, number>();
let total = 0;
const end = profile.timeDeltas.reduce((t, d) => t + d, 0);
const from = opts.last === undefined ? -Infinity : end - Number(opts.last) * 1e6;
let at = 0;
profile.samples.forEach((id, k) => {
  at += profile.timeDeltas[k]!;
  if (at < from) return;
  const dt = profile.timeDeltas[k + 1] ?? 0;
  spent.set(id, (spent.get(id) ?? 0) + dt);
  total += dt;
});

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of spent) {
  const name = nameOf(byId.get(id)!);
  self.set(name, (self.get(name) ?? 0) + us);
  // Each function once per sample, however deep it recurses.
  const counted = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const n = nameOf(byId.get(at)!);
    if (counted.has(n)) continue;
    counted.add(n);
    inclusive.set(n, (inclusive.get(n) ?? 0) + us);
  }
}

const show = (title: string, times: Map<string, number>) => {
  console.log(title);
  for (const [name, us] of [...times].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
show('by own time:', self);
show('with what they called:', inclusive);
