import { describe, it, expect } from 'vitest';
import { addressKey } from './address-key.ts';
import { settleAddress } from './address-decisions.ts';
import type { AddressMatch } from './address-match.ts';

describe('addressKey', () => {
  it('folds case, punctuation and spacing, and nothing else', () => {
    // The same samples as db/src/address-review-backfill.test.ts: migration 0007 must agree.
    expect(addressKey('27 Mil Lane,', 'mb3 4rt')).toBe('27 MIL LANE|MB34RT');
    expect(addressKey('  27   mil-lane ', null)).toBe('27 MIL LANE|');
    expect(addressKey('Flat 2, 10 High St.', 'MB1  2AB')).toBe('FLAT 2 10 HIGH ST|MB12AB');
    expect(addressKey('27 Mil Ln', undefined)).not.toBe(addressKey('27 Mil Lane', undefined));
  });

  it('has no key without address text', () => {
    expect(addressKey(undefined, 'MB3 4RT')).toBeNull();
    expect(addressKey(' ,, ', 'MB3 4RT')).toBeNull();
  });
});

describe('settleAddress: a steward decision over the matcher', () => {
  const key = '27 MIL LANE|';
  const possible: AddressMatch = { uprn: null, method: 'possible', candidateUprn: 1, score: 45, reasons: ['house number', 'street (fuzzy)'] };
  const matched: AddressMatch = { uprn: 1, method: 'matched', score: 85, reasons: ['house number', 'street'] };
  const decided = (decision: 'same' | 'different', uprn = 1) => new Map([[`${key}#${uprn}`, decision] as const]);

  it('leaves a possible match for review when nobody has decided', () => {
    expect(settleAddress(possible, key, new Map())).toMatchObject({ uprn: null, method: 'possible', candidateUprn: 1, key, decided: false });
  });

  it('confirms a possible match a steward said is the same address', () => {
    expect(settleAddress(possible, key, decided('same'))).toMatchObject({ uprn: 1, method: 'confirmed', candidateUprn: 1, key, decided: true });
  });

  it('rules the UPRN out when a steward said different, even when the matcher is sure', () => {
    expect(settleAddress(possible, key, decided('different'))).toMatchObject({ uprn: null, method: 'unmatched', candidateUprn: 1, decided: true });
    expect(settleAddress(matched, key, decided('different'))).toMatchObject({ uprn: null, method: 'unmatched', candidateUprn: 1, decided: true });
  });

  it('applies a decision only to the UPRN it was about', () => {
    expect(settleAddress(possible, key, decided('same', 2))).toMatchObject({ method: 'possible', candidateUprn: 1, decided: false });
    expect(settleAddress(matched, key, decided('same'))).toMatchObject({ uprn: 1, method: 'matched', candidateUprn: null, key: null });
  });

  it('never overrides a UPRN the partner sent', () => {
    const given: AddressMatch = { uprn: 1, method: 'given', score: 100, reasons: ['uprn sent, in the gazetteer'] };
    expect(settleAddress(given, key, decided('different'))).toMatchObject({ uprn: 1, method: 'given', decided: false });
  });
});
