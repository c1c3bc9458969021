import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { renderFeedContracts } from './feed-contracts-doc.ts';

describe('docs/feed-contracts.md', () => {
  it('is the current rendering of the contracts (run `pnpm mast docs` after changing them)', () => {
    const onDisk = readFileSync(new URL('../../../docs/feed-contracts.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderFeedContracts());
  });
});
