// Data stewards' decisions on uncertain addresses, applied over the matcher at ingest: a row
// whose address (by its key) a steward has already placed, or ruled out, for the UPRN the matcher
// proposes gets that outcome and never goes back to the queue. Loaded once per file.
import { getAddressDecisions, type AddressDecision, type Db } from '@mast/db';
import type { AddressMatch } from './address-match.ts';

export type AddressDecisions = ReadonlyMap<string, AddressDecision>;

/** What is stored for a row's address: the matcher's answer, or a steward's over it. */
export interface SettledAddress {
  uprn: number | null;
  /** given, matched, confirmed (a steward said so), possible or unmatched. */
  method: AddressMatch['method'] | 'confirmed';
  /** The UPRN under review or decided on: set for possible rows and for rows a decision settled. */
  candidateUprn: number | null;
  score: number;
  reasons: string[];
  /** The address key, kept with the candidate (see address-key.ts). */
  key: string | null;
  /** Whether a steward's decision settled this row. */
  decided: boolean;
}

const decisionKey = (key: string, uprn: number) => `${key}#${uprn}`;

export async function loadAddressDecisions(db: Db): Promise<AddressDecisions> {
  return new Map((await getAddressDecisions(db)).map((d) => [decisionKey(d.addressKey, d.candidateUprn), d.decision]));
}

/** Whether settleAddress reads the address key for this answer: it keeps it for a possible match
 * and looks a decision up by it for a confident one. Otherwise the key is never read, so a file of
 * confident matches with no decisions yet need not make one a row. */
export function needsAddressKey(match: AddressMatch, decisions: AddressDecisions): boolean {
  return match.method === 'possible' || (match.method === 'matched' && decisions.size > 0);
}

/**
 * The matcher's answer, with any decision on this address and the UPRN it proposes applied.
 * "same" confirms a possible match; "different" rules the UPRN out even when the matcher is sure
 * of it. A UPRN the partner sent is never overridden.
 */
export function settleAddress(match: AddressMatch, key: string | null, decisions: AddressDecisions): SettledAddress {
  const { score, reasons } = match;
  if (match.method === 'given' || match.method === 'unmatched') {
    return { uprn: match.uprn, method: match.method, candidateUprn: null, score, reasons, key: null, decided: false };
  }
  const proposed = match.method === 'possible' ? match.candidateUprn : match.uprn;
  const decision = key === null || decisions.size === 0 ? undefined : decisions.get(decisionKey(key, proposed));
  if (decision === 'different') {
    return { uprn: null, method: 'unmatched', candidateUprn: proposed, score, reasons, key, decided: true };
  }
  if (match.method === 'matched') return { uprn: match.uprn, method: 'matched', candidateUprn: null, score, reasons, key: null, decided: false };
  if (decision === 'same') return { uprn: proposed, method: 'confirmed', candidateUprn: proposed, score, reasons, key, decided: true };
  return { uprn: null, method: 'possible', candidateUprn: proposed, score, reasons, key, decided: false };
}
