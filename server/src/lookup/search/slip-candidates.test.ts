import { describe, it, expect } from 'vitest';
import { editDistance } from '../../matching/address/fuzzy.ts';
import { SlipCandidates } from './slip-candidates.ts';

// The filter may let through words that are no slip (the search measures each), but must never
// leave out one that is: a street typed with a slip would then be "not known".
function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe('slip candidates', () => {
  const random = rng(7);
  // Words alike enough that many are one or two edits apart, with the odd apostrophe and digit.
  const letters = "MILNAERODST'9";
  const word = () => Array.from({ length: 3 + Math.floor(random() * 8) }, () => letters[Math.floor(random() * letters.length)]).join('');
  const vocabulary = [...new Set(Array.from({ length: 3000 }, word))];
  const slips = new SlipCandidates(vocabulary);

  it('holds every word within the edits allowed, in id order', () => {
    let within = 0;
    for (let k = 0; k < 400; k++) {
      const base = vocabulary[Math.floor(random() * vocabulary.length)]!;
      // A slip of a real word, as typed: a letter dropped, doubled, changed or two swapped.
      const i = Math.floor(random() * base.length);
      const typed = [base.slice(0, i) + base.slice(i + 1), base.slice(0, i) + base[i] + base.slice(i), base.slice(0, i) + 'E' + base.slice(i + 1), base.slice(0, i) + base.slice(i + 1, i + 2) + base[i] + base.slice(i + 2)][k % 4]!;
      for (const max of [1, 2]) {
        const found = [...slips.near(typed, max)];
        expect(found).toEqual([...found].sort((a, b) => a - b));
        const shown = new Set(found);
        vocabulary.forEach((w, id) => {
          if (editDistance(typed, w, max) <= max) {
            within++;
            expect(shown.has(id), `${typed} -> ${w} (max ${max})`).toBe(true);
          }
        });
      }
    }
    expect(within).toBeGreaterThan(400);
  });

  it('leaves out most words that are no slip', () => {
    const found = slips.near('MILLANE', 1).length;
    const measured = vocabulary.filter((w) => Math.abs(w.length - 7) <= 1).length;
    expect(found).toBeLessThan(measured / 4);
  });
});
