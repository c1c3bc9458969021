import { describe, expect, it } from 'vitest';
import { SerialWriter } from './serial-writer.ts';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('SerialWriter (the feed pipeline writes one batch while it matches the next)', () => {
  it('runs queued work in order, one at a time', async () => {
    const w = new SerialWriter();
    const log: string[] = [];
    let running = 0;
    for (const name of ['a', 'b', 'c']) {
      w.push(async () => {
        running++;
        expect(running).toBe(1);
        await tick();
        log.push(name);
        running--;
      });
    }
    expect(await w.run(async () => log.join(''))).toBe('abc');
  });

  it('after a failed write runs nothing more, and the failure reaches the next drain', async () => {
    const w = new SerialWriter();
    const ran: string[] = [];
    w.push(async () => {
      ran.push('first');
    });
    w.push(async () => {
      throw new Error('write failed');
    });
    w.push(async () => {
      ran.push('after the failure');
    });
    await expect(w.drain()).rejects.toThrow('write failed');
    await expect(w.run(async () => 1)).rejects.toThrow('write failed');
    expect(ran).toEqual(['first']);
  });
});
