// A made-up alert list for unit tests (never imported by the app): two alerted addresses, no personal data.
import type { Alert, AlertListResponse } from '@mast/shared';

export function makeAlert(overrides: Partial<Alert> & Pick<Alert, 'id'>): Alert {
  return {
    rule: 'three-services',
    title: 'Known to three services in a few weeks',
    explain: 'Several services had contact with this household recently.',
    subject: 'address',
    address: { uprn: '100000000027', label: '27 Mill Lane, Northfield, Mastbury', postcode: 'MB3 4RT' },
    evidence: {
      counts: [
        { agency: 'police', agencyName: 'Police', contacts: 6 },
        { agency: 'nhs', agencyName: 'NHS A&E', contacts: 4 },
        { agency: 'fire', agencyName: 'Fire', contacts: 2 },
      ],
      windowWeeks: 13,
      latest: '2026-11-14',
    },
    state: 'open',
    raisedAt: '2026-11-20T06:00:00Z',
    updatedAt: '2026-11-20T06:00:00Z',
    acknowledgedAt: null,
    lead: {
      organisation: 'Mastbury Council',
      contact: { team: 'Adult social care duty team', phone: '01632 960100', hours: '24/7', outOfHours: null },
    },
    canAct: false,
    ...overrides,
  };
}

/** A 256-bit key in base64url, as the server sends it. */
export function makeListKey(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
}

export function makeList(overrides: Partial<AlertListResponse> = {}): AlertListResponse {
  return {
    alerts: [
      makeAlert({ id: 'a1' }),
      makeAlert({ id: 'a2', rule: 'repeat-fires', title: 'Repeated fires' }),
      makeAlert({ id: 'a3', address: { uprn: '100000000005', label: 'Flat 2, Beech Court, 5 Station Road, Mastbury', postcode: 'MB1 2AB' } }),
      makeAlert({ id: 'a4', subject: 'person', address: null }),
    ],
    generatedAt: '2026-11-20T06:10:00Z',
    expiresAt: '2026-11-20T18:10:00Z',
    rulesVersion: '1#abc',
    listKey: makeListKey(),
    ...overrides,
  };
}
