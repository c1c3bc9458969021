import { REPORT_TOPICS } from '@mast/shared';
import { describe, expect, it } from 'vitest';
import { match } from './topic.ts';

describe('topic matcher', () => {
  it('agrees with the API contract', () => {
    for (const topic of REPORT_TOPICS) expect(match(topic), topic).toBe(true);
    for (const other of ['monthly', 'Demand', '', 'demand/', 'use ']) expect(match(other), other).toBe(false);
  });
});
