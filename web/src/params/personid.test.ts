import { PersonIdParamSchema } from '@mast/shared';
import { describe, expect, it } from 'vitest';
import { match } from './personid.ts';

describe('person id matcher', () => {
  it('agrees with the API contract', () => {
    const samples = ['1', '60981', '1234567890123456', '12345678901234567', '0', '012', '12a', '', ' 12', '-1', '1e3', 'kelly'];
    for (const sample of samples) {
      expect(match(sample), sample).toBe(PersonIdParamSchema.shape.personId.safeParse(sample).success);
    }
  });
});
