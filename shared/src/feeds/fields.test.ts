import { describe, expect, it } from 'vitest';
import { FEED_CONTRACTS } from './contracts.ts';
import { quickCheck, UNSURE } from './fields.ts';
import { categoryCodes } from '../code-lists.ts';

// Cells a partner might send, good and bad, for every kind of column.
const SAMPLES: (string | undefined)[] = [
  undefined, '', ' ', '  \t ', 'x', 'X', ' m ', 'f', 'U', 'x ', 'Y', 'N', 'y', ' Y', 'upsert', 'delete', 'DELETE', ' delete ',
  'attended', 'did-not-attend', 'Attended', 'POL-2025-000001', ' POL-1 ', '-POL', 'a/b.c_d-e', 'a b', 'é1', 'a'.repeat(64), 'a'.repeat(65),
  '2025-07-01', ' 2025-07-01 ', '2025-02-29', '2024-02-29', '1899-12-31', '1900-01-01', '2999-01-01', '2025-13-01', '2025-7-1', '2025-07-01T00:00',
  'Emma', "O'Brien", 'Anne-Marie', 'José', 'Zoë', 'Ng ', '李', 'J.', 'Emma2', '1Emma', "'Emma", 'a'.repeat(60), 'a'.repeat(61), 'Emma\u0000',
  '9434765919', '943 476 5919', ' 943 476 5919 ', '9434765918', '123', '94347659190', 'abcdefghij',
  '1', '100023336956', '0123', '1000233369561', '12a', '10 Downing Street', '58 NEW LINNET RD', 'Flat 2\n10 High St', 'a\tb', 'a\u202Eb',
  'a\u0085b', 'x'.repeat(200), 'x'.repeat(201), 'MB12 2LP', 'mb122lp', 'MB12 2LP XXX', 'MB1\u00002LP', 'POL-WEST', 'POL-west', 'P', 'P-',
  'antisocial-behaviour', 'concern-for-welfare', 'not-a-code', '\u00a0Emma\u00a0', '\uFEFFEmma', 'Emma\u2028',
];

describe('quick cell checks', () => {
  for (const contract of Object.values(FEED_CONTRACTS)) {
    for (const column of contract.columns) {
      it(`${contract.id}.${column.name} has one, and it accepts only what zod accepts, with the same value`, () => {
        const quick = quickCheck(column.schema);
        expect(quick).toBeDefined();
        let accepted = 0;
        const codes = categoryCodes(contract.id);
        for (const cell of [...SAMPLES, ...codes, ` ${codes[0]} `, codes[0]!.toUpperCase()]) {
          const data = quick!(cell);
          if (data === UNSURE) continue;
          accepted++;
          const result = column.schema.safeParse(cell);
          expect(result.success, JSON.stringify(cell)).toBe(true);
          expect(data, JSON.stringify(cell)).toEqual(result.data);
        }
        expect(accepted).toBeGreaterThan(0);
      });
    }
  }

  it('is unsure of every cell zod refuses', () => {
    for (const contract of Object.values(FEED_CONTRACTS)) {
      for (const column of contract.columns) {
        for (const cell of SAMPLES) {
          if (!column.schema.safeParse(cell).success) expect(quickCheck(column.schema)!(cell), `${column.name} ${JSON.stringify(cell)}`).toBe(UNSURE);
        }
      }
    }
  });
});
