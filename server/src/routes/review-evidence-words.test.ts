import { describe, it, expect } from 'vitest';
import { fieldWords, levelWords } from '@mast/shared';
import { COMPARISONS } from '../matching/people/comparisons.ts';

// The review queue shows the matcher's evidence to stewards in words (shared/evidence-words.ts).
// A field or level added to the matcher without words would reach them as a key.
describe('the words for the person matcher’s evidence', () => {
  it.each(COMPARISONS.map((c) => [c.name, c.levels] as const))('has words for %s and every level it can reach', (field, levels) => {
    expect(fieldWords(field), field).toBeDefined();
    for (const level of levels) expect(levelWords(field, level), `${field} ${level}`).toBeDefined();
  });

  it('has words for the name-frequency evidence the queue stores', () => {
    expect(levelWords('familyName', 'how common the name is', 1)).toBeDefined();
  });
});
