import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { explainReasons, REASON_VERDICTS } from './reasons.ts';

describe('the verdict of each address-match reason', () => {
  it('knows every reason the matcher can give', () => {
    const source = ['./score.ts', '../address-match.ts'].map((f) => readFileSync(new URL(f, import.meta.url), 'utf8')).join('\n');
    const given = new Set<string>();
    for (const m of source.matchAll(/reasons(?:\.push\(|: \[)'([^']+)'/g)) given.add(m[1]!);
    expect(given.size).toBeGreaterThan(15);
    for (const reason of given) expect(REASON_VERDICTS, reason).toHaveProperty([reason]);
  });

  it('says which parts agreed and which spoke against, and never counts an unknown reason as agreeing', () => {
    expect(explainReasons(['house number', 'street (fuzzy)', 'postcode disagrees', 'postcode (none)', 'something new'])).toEqual([
      { text: 'house number', verdict: 'agrees' },
      { text: 'street (fuzzy)', verdict: 'partly' },
      { text: 'postcode disagrees', verdict: 'against' },
      { text: 'postcode (none)', verdict: 'missing' },
      { text: 'something new', verdict: 'partly' },
    ]);
  });
});
