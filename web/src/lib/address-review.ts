// Plain-English wording for the stewards' queue of uncertain addresses: the matcher's reasons
// with which way each speaks (in words and a mark, never colour alone), the agencies behind an
// item, decisions, and which item comes next. Pure functions; shapes come from @mast/shared.
import type { AddressReason, AddressReasonVerdict, AddressReviewItem } from '@mast/shared';

export const VERDICT_LABELS: Record<AddressReasonVerdict, string> = {
  agrees: 'Agrees',
  partly: 'Partly agrees',
  against: 'Against',
  missing: 'Not sent',
};

/** A shape for each verdict, so it never rests on colour alone. */
export const VERDICT_MARKS: Record<AddressReasonVerdict, string> = {
  agrees: '=',
  partly: '≈',
  against: '≠',
  missing: '–',
};

const REASON_LABELS: Record<string, string> = {
  'flat (same position, other form)': 'Flat (same position, written another way, e.g. "Flat 1" for "Ground floor flat")',
  'house number (range)': 'House number (within a range, e.g. "10" for "10-12")',
  'street (type missing)': 'Street (name without Road, Lane...)',
  'street (fuzzy)': 'Street (spelt slightly differently)',
  'postcode (none)': 'Postcode (none sent)',
  'postcode (sector)': 'Postcode (same sector, e.g. "MB3 4", not the full postcode)',
  'postcode (one character off)': 'Postcode (one character different)',
  'another address scores as well': 'Another address fits as well',
};

/** The matcher's words as a sentence start: "street (fuzzy)" -> "Street (spelt slightly differently)". */
export function reasonLabel(text: string): string {
  const known = REASON_LABELS[text];
  if (known) return known;
  const trimmed = text.trim();
  return trimmed ? trimmed.charAt(0).toUpperCase() + trimmed.slice(1) : 'Not explained';
}

/** "2 parts agree, 1 partly, 1 against": how the reasons add up, in words. */
export function summariseReasons(reasons: readonly AddressReason[]): string {
  const count = (verdict: AddressReasonVerdict) => reasons.filter((r) => r.verdict === verdict).length;
  const agree = count('agrees');
  const parts = [`${agree} ${agree === 1 ? 'part agrees' : 'parts agree'}`];
  if (count('partly') > 0) parts.push(`${count('partly')} partly`);
  if (count('against') > 0) parts.push(`${count('against')} against`);
  if (count('missing') > 0) parts.push(`${count('missing')} not sent`);
  return parts.join(', ');
}

/** "1 record" / "4 records": the partners' rows behind one item. */
export function formatRecords(count: number): string {
  return `${count} ${count === 1 ? 'record' : 'records'}`;
}

/** "Police 3, NHS A&E 1". */
export function formatAgencies(agencies: AddressReviewItem['agencies']): string {
  return agencies.map((a) => `${a.agencyName} ${a.rows}`).join(', ');
}

export function addressDecisionLabel(status: AddressReviewItem['status']): string {
  if (status === 'same') return 'Same address';
  if (status === 'different') return 'Not this address';
  return 'Not decided yet';
}

/** What the decision did, for the steward reading the outcome. */
export function addressDecisionEffect(item: Pick<AddressReviewItem, 'status' | 'rows'>): string {
  const records = formatRecords(item.rows);
  if (item.status === 'same') return `${records} now ${item.rows === 1 ? 'shows' : 'show'} at this address.`;
  if (item.status === 'different') return `${records} ${item.rows === 1 ? 'stays' : 'stay'} off this address.`;
  return '';
}

/** "1 address waiting for review", "3 addresses waiting for review" or the empty state's words. */
export function formatOpenAddressCount(open: number): string {
  if (open <= 0) return 'No addresses waiting for review';
  return `${open} ${open === 1 ? 'address' : 'addresses'} waiting for review`;
}

/** "Review addresses (3)"; without a count while it is not known. */
export function addressReviewLinkLabel(open: number | null): string {
  return open === null ? 'Review addresses' : `Review addresses (${open})`;
}

type Ordered = Pick<AddressReviewItem, 'id' | 'rows' | 'score'>;

/** The server's queue order: most records first, then the higher score, then oldest (lowest id). */
function comesBefore(x: Ordered, y: Ordered): boolean {
  if (x.rows !== y.rows) return x.rows > y.rows;
  if (x.score !== y.score) return x.score > y.score;
  // Ids are digit strings of up to 16 digits: compare as numbers without losing precision.
  return x.id.length !== y.id.length ? x.id.length < y.id.length : x.id < y.id;
}

/**
 * The open item to review after `current`: the one that follows it in the queue's order, so an
 * item skipped earlier does not come back straight away; at the end, the queue starts again from
 * the top. Null when nothing else is open. `current` keeps its place as it was before deciding.
 */
export function nextOpenItemId(items: readonly (Ordered & Pick<AddressReviewItem, 'status'>)[], current: Ordered): string | null {
  const open = items.filter((item) => item.status === 'open' && item.id !== current.id);
  if (open.length === 0) return null;
  const sorted = [...open].sort((x, y) => (comesBefore(x, y) ? -1 : comesBefore(y, x) ? 1 : 0));
  const after = sorted.find((item) => comesBefore(current, item));
  return (after ?? sorted[0])!.id;
}
