import { describe, it, expect } from 'vitest';
import { ingestRowStage } from './config.ts';

describe('MAST_INGEST_WORKER', () => {
  it('chooses where feed rows are read: always a worker thread, never, or by the file size when unset', () => {
    expect(ingestRowStage({ MAST_INGEST_WORKER: 'always' })).toBe('worker');
    expect(ingestRowStage({ MAST_INGEST_WORKER: 'never' })).toBe('thread');
    expect(ingestRowStage({})).toBeUndefined();
    expect(ingestRowStage({ MAST_INGEST_WORKER: '' })).toBeUndefined();
  });

  it('refuses any other value rather than guess', () => {
    expect(() => ingestRowStage({ MAST_INGEST_WORKER: 'yes' })).toThrow(/always or never/);
  });
});
