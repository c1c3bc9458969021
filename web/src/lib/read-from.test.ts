import { describe, expect, it } from 'vitest';
import { readFromNote } from './read-from.ts';

describe('readFromNote', () => {
  it('says how far behind a replica may be, rounded up to whole seconds', () => {
    expect(readFromNote({ servedBy: 'replica', lagSeconds: 2.1 })).toBe("Read from a copy of mast's database up to 3 s behind; anything newer shows when you look again.");
    expect(readFromNote({ servedBy: 'replica', lagSeconds: 1 })).toMatch(/up to 1 s behind/);
  });
  it('says nothing of the primary, of a copy under a second behind, or of an answer that does not say', () => {
    expect(readFromNote({ servedBy: 'primary', lagSeconds: null })).toBeNull();
    expect(readFromNote({ servedBy: 'replica', lagSeconds: 0.4 })).toBeNull();
    expect(readFromNote(undefined)).toBeNull();
  });
});
