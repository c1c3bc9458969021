// `pnpm mast match-bench lookalikes [--seed N] [--feedback K,K]`: generates the look-alike
// borough and scores the matcher on it; with --feedback, a steward (played by the truth) decides
// the first K pairs left to review on seed 1, the decisions become steward patterns in the model,
// and the file of --seed is scored with and without them. Decisions are only ever taken from
// seed 1, so a file of another seed measures what the feedback is worth on data it never saw.
import { reviewReason, type HoldReason } from '@mast/shared';
import { explainStored } from '../matching/people/explain.ts';
import { compare, holdOf, learnFromDecisions, linkRecords, type LinkResult } from '../matching/people/index.ts';
import { generateLookalikes } from './lookalikes/generate.ts';
import { labelledFromRows, printLabelled, scoreLabelled, stewardPairs, type LabelledRecords } from './labelled-scores.ts';

function run(label: string, data: LabelledRecords, model?: LinkResult['model']): LinkResult {
  const t0 = performance.now();
  const res = linkRecords(data.records, model ? { model } : {});
  const secs = (performance.now() - t0) / 1000;
  console.log(`${label}: ${data.records.length.toLocaleString('en-GB')} records, ${res.blocking.candidatePairs.toLocaleString('en-GB')} candidate pairs, ${secs.toFixed(2)} s`);
  return res;
}

function lookalikes(seed: number, people?: number): LabelledRecords {
  return labelledFromRows(generateLookalikes(seed, people));
}

/** What the steward is told about the pairs in the queue: the story each reason opens with. */
function printReasons(res: LinkResult, data: LabelledRecords): void {
  const tally = new Map<string, { pairs: number; same: number }>();
  const shares = {
    given: (n: string) => (res.store.givenCount[res.store.names.get(n)] ?? 0) / res.store.n,
    family: (n: string) => (res.store.familyCount[res.store.names.get(n)] ?? 0) / res.store.n,
  };
  for (const p of stewardPairs(res)) {
    const a = res.pairs.a[p]!;
    const b = res.pairs.b[p]!;
    const why = explainStored(res.model, res.store, a, b, shares);
    const hold = holdOf(res.store, a, b, res.pairs.gamma[p]!, res.model.households !== false);
    const words = reviewReason({ evidence: why.comparisons.filter((c) => c.field !== 'prior'), probability: why.probability, hold: hold as HoldReason | null });
    const story = words.startsWith('Not sure') ? 'Not sure: about N in 100 that these are one person.' : words.slice(0, words.search(/[.?]/) + 1);
    const t = tally.get(story) ?? { pairs: 0, same: 0 };
    t.pairs++;
    if (data.truth[a] === data.truth[b]) t.same++;
    tally.set(story, t);
  }
  console.log('    what the steward reads (record pairs, of them one person):');
  for (const [story, t] of [...tally].sort((x, y) => y[1].pairs - x[1].pairs)) console.log(`      ${String(t.pairs).padStart(5)} ${String(t.same).padStart(4)}  ${story}`);
}

export function lookalikesRun(seed: number, feedback: number[], people?: number): void {
  const data = lookalikes(seed, people);
  const res = run(`lookalikes seed ${seed}`, data);
  printLabelled('linked (no steward)', scoreLabelled(res, data));
  printReasons(res, data);
  if (feedback.length === 0) return;

  // The steward: seed 1's review pairs in arrival order, decided by the truth.
  const train = seed === 1 ? { data, res } : (() => {
    const d = lookalikes(1, people);
    return { data: d, res: run('lookalikes seed 1 (where the steward decides)', d) };
  })();
  const queue = stewardPairs(train.res);
  for (const k of feedback) {
    const decided = queue.slice(0, k).map((p) => {
      const a = train.res.pairs.a[p]!;
      const b = train.res.pairs.b[p]!;
      return { gamma: compare(train.res.store, a, b), same: train.data.truth[a] === train.data.truth[b] };
    });
    const patterns = learnFromDecisions(decided);
    const same = decided.filter((d) => d.same).length;
    const withFeedback = run(`lookalikes seed ${seed} + steward decisions on the first ${decided.length} review pairs of seed 1 (${same} same; ${patterns.length} patterns)`, data, { ...res.model, feedback: patterns });
    printLabelled(`with ${decided.length} decisions`, scoreLabelled(withFeedback, data));
  }
}
