import { UprnParamSchema } from '@mast/shared';
import { describe, expect, it } from 'vitest';
import { match } from './uprn.ts';

describe('uprn matcher', () => {
  it('agrees with the API contract', () => {
    const samples = ['1', '100023336956', '27', '0', '0123', '1234567890123', '12a', '', ' 12', '-1', '1e3'];
    for (const sample of samples) {
      expect(match(sample), sample).toBe(UprnParamSchema.shape.uprn.safeParse(sample).success);
    }
  });
});
