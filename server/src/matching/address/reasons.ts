// Which way each of the matcher's reasons (score.ts, address-match.ts) speaks, for a data steward
// weighing a possible match: a part that agreed, agreed only partly (a slip, a looser form), spoke
// against, or was not written. A reason this table does not know reads as "partly", never as an
// agreement; reasons.test.ts checks every reason the matcher can give is here.
import type { AddressReason, AddressReasonVerdict } from '@mast/shared';

export const REASON_VERDICTS: Readonly<Record<string, AddressReasonVerdict>> = {
  'uprn sent, in the gazetteer': 'agrees',
  flat: 'agrees',
  'flat (same position, other form)': 'partly',
  'the letter may be a flat or a house': 'against',
  'house number': 'agrees',
  'house number (range)': 'partly',
  'building name': 'agrees',
  'building not identified': 'missing',
  street: 'agrees',
  'street (type missing)': 'partly',
  'street (fuzzy)': 'partly',
  'street (a word before it makes another street)': 'partly',
  'another street named': 'against',
  'street name in more than one locality': 'against',
  locality: 'agrees',
  'another locality named': 'against',
  town: 'agrees',
  'postcode (full)': 'agrees',
  'postcode (one character off)': 'partly',
  'postcode (sector)': 'partly',
  'postcode (district only, other sector)': 'against',
  'postcode disagrees': 'against',
  'the postcode is on a street one letter away': 'against',
  'postcode (none)': 'missing',
  'another address scores as well': 'against',
  'no address': 'missing',
  'no candidate agrees on house, flat and street': 'against',
};

export function explainReasons(reasons: readonly string[]): AddressReason[] {
  return reasons.map((text) => ({ text, verdict: REASON_VERDICTS[text] ?? 'partly' }));
}
