import { describe, expect, it } from 'vitest';
import { keptListNotice, NO_LIST, NOT_ON_LIST, offlineListNotice, offlineSearchStatus } from './alert-list-notice.ts';

describe('offlineListNotice', () => {
  const list = { generatedAt: '2026-11-20T06:10:00Z', expiresAt: '2026-11-20T18:10:00Z' };
  it('says how old the list is and when it goes, in UK time', () => {
    expect(offlineListNotice(list, new Date('2026-11-20T12:00:00Z'))).toBe('Offline: alert list as of 06:10, expires 18:10');
    expect(offlineListNotice({ generatedAt: '2026-07-20T05:10:00Z', expiresAt: '2026-07-20T17:10:00Z' }, new Date('2026-07-20T12:00:00Z'))).toBe(
      'Offline: alert list as of 06:10, expires 18:10',
    );
  });
  it('names the day when it is not today', () => {
    const overnight = { generatedAt: '2026-11-19T21:45:00Z', expiresAt: '2026-11-20T09:45:00Z' };
    expect(offlineListNotice(overnight, new Date('2026-11-20T02:00:00Z'))).toBe('Offline: alert list as of 21:45 yesterday, expires 09:45');
    expect(keptListNotice(overnight, new Date('2026-11-19T22:00:00Z'))).toBe('Alert list on this phone: as of 21:45, expires 09:45 on 20 Nov 2026');
  });
  it('never says "not known" of an address it cannot find', () => {
    expect(NOT_ON_LIST).toBe('No alert on the list; cannot check partners offline');
    expect(NOT_ON_LIST.toLowerCase()).not.toContain('not known');
  });
});

describe('offlineSearchStatus', () => {
  const list = { generatedAt: '2026-11-20T06:10:00Z', expiresAt: '2026-11-20T18:10:00Z' };
  const now = new Date('2026-11-20T12:00:00Z');
  it('says plainly when there is no list', () => {
    expect(offlineSearchStatus(null, 0, now)).toEqual([NO_LIST]);
    expect(NO_LIST).toMatch(/no alert list on this phone/);
  });
  it('says an address not on the list cannot be checked, never that it is not known', () => {
    expect(offlineSearchStatus(list, 0, now)).toEqual(['Offline: alert list as of 06:10, expires 18:10', NOT_ON_LIST]);
    const found = offlineSearchStatus(list, 2, now);
    expect(found[1]).toBe('2 addresses with alerts on the list. Not the one? No alert on the list; cannot check partners offline.');
    for (const line of [...found, NO_LIST]) expect(line.toLowerCase()).not.toContain('not known');
  });
});
