import { describe, expect, it } from 'vitest';
import { keptListNotice, NOT_ON_LIST, offlineListNotice } from './alert-list-notice.ts';

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
