import { describe, expect, it } from 'vitest';
import { isNetworkFailure } from './network-failure.ts';

describe('isNetworkFailure', () => {
  it("takes a page's code that could not be fetched, in each browser's words, for no signal", () => {
    for (const message of [
      'Failed to fetch dynamically imported module: https://mast.example/_app/immutable/nodes/4.js',
      'Importing a module script failed.',
      'error loading dynamically imported module: https://mast.example/_app/immutable/nodes/4.js',
    ]) expect(isNetworkFailure(new TypeError(message), true)).toBe(true);
  });
  it('takes any failure while the phone is offline for no signal', () => {
    expect(isNetworkFailure(new Error('anything'), false)).toBe(true);
  });
  it('leaves a fault in the page itself a fault', () => {
    expect(isNetworkFailure(new TypeError("Cannot read properties of undefined (reading 'label')"), true)).toBe(false);
    expect(isNetworkFailure('a thrown string', true)).toBe(false);
  });
});
