// Plain-English wording for the data stewards' review queue: who may review, probabilities and
// match weights in words and signs, the two records compared field by field, and which pair comes
// next. Pure functions, so they are testable; shapes come from @mast/shared.
import type { ReviewPair, ReviewRecord, Role } from '@mast/shared';
import { formatDate } from './format.ts';
import { fieldLabel } from './review-evidence.ts';

// Reviewing shows people's names and dates of birth: stewards only, not the accounts administrator.
const REVIEWERS: readonly Role[] = ['data-steward'];

/** Whether this role may open the review queue (the server decides; this only hides the link). */
export function canReview(role: Role): boolean {
  return REVIEWERS.includes(role);
}

/** "87%"; never "0%" or "100%" for what is only nearly certain. */
export function formatProbability(probability: number): string {
  if (!Number.isFinite(probability)) return '?';
  const percent = Math.round(probability * 100);
  if (percent <= 0 && probability > 0) return 'under 1%';
  if (percent >= 100 && probability < 1) return 'over 99%';
  return `${Math.min(100, Math.max(0, percent))}%`;
}

/** "87% likely the same person". */
export function formatLikelihood(probability: number): string {
  return `${formatProbability(probability)} likely the same person`;
}

const MINUS = '\u2212';

/** "+3.2", "−1.5" (a true minus sign, easier to see than a hyphen) or "0". */
export function formatWeight(weight: number): string {
  const rounded = Math.round(weight * 10) / 10;
  if (rounded === 0 || !Number.isFinite(rounded)) return '0';
  const digits = Math.abs(rounded).toFixed(1);
  return rounded > 0 ? `+${digits}` : `${MINUS}${digits}`;
}

export type Direction = 'for' | 'against' | 'missing';

/** Positive weight is evidence for a match, negative against; 0 means a value was missing. */
export function evidenceDirection(weight: number): Direction {
  if (weight > 0) return 'for';
  if (weight < 0) return 'against';
  return 'missing';
}

export const DIRECTION_LABELS: Record<Direction, string> = {
  for: 'For a match',
  against: 'Against a match',
  missing: 'No evidence (missing)',
};

/** How long a weight's bar is, as a share (0 to 1) of the strongest weight in the table. */
export function barShare(weight: number, strongest: number): number {
  if (strongest <= 0 || !Number.isFinite(weight)) return 0;
  return Math.min(1, Math.abs(weight) / strongest);
}

/** The strongest weight (in size) in a list of evidence, for scaling the bars. */
export function strongestWeight(weights: readonly number[]): number {
  return weights.reduce((max, weight) => Math.max(max, Math.abs(weight)), 0);
}

const SEX_LABELS: Record<string, string> = { m: 'Male', f: 'Female', u: 'Unknown' };

function sexLabel(sex: string | null): string | null {
  if (sex === null || !sex.trim()) return null;
  return SEX_LABELS[sex.trim().toLowerCase()] ?? sex;
}

/** same / differs: both records hold a value; missing: one or both do not; hidden: not shown. */
export type Agreement = 'same' | 'differs' | 'missing' | 'hidden';

export interface ComparedField {
  key: string;
  label: string;
  a: string | null;
  b: string | null;
  agreement: Agreement;
}

function normalise(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

function agreementOf(a: string | null, b: string | null): Agreement {
  if (a === null || b === null || !a.trim() || !b.trim()) return 'missing';
  return normalise(a) === normalise(b) ? 'same' : 'differs';
}

function field(key: string, a: string | null, b: string | null, rawA = a, rawB = b): ComparedField {
  return { key, label: fieldLabel(key), a, b, agreement: agreementOf(rawA, rawB) };
}

/**
 * The two records field by field, in the same order on both sides, each marked same, differs or
 * missing. Spelling differences in case and spacing do not count as differences. The NHS number
 * itself is never sent, so that line only says whether each record has one.
 */
export function compareRecords(a: ReviewRecord, b: ReviewRecord): ComparedField[] {
  const nhs = (record: ReviewRecord) => (record.hasNhsNumber ? 'Recorded (not shown)' : null);
  return [
    field('given_name', a.givenName, b.givenName),
    field('family_name', a.familyName, b.familyName),
    field('date_of_birth', formatDate(a.dateOfBirth), formatDate(b.dateOfBirth), a.dateOfBirth, b.dateOfBirth),
    field('sex', sexLabel(a.sex), sexLabel(b.sex)),
    field('address', a.address, b.address),
    field('postcode', a.postcode, b.postcode, a.postcode?.replace(/\s+/g, '') ?? null, b.postcode?.replace(/\s+/g, '') ?? null),
    { key: 'nhs_number', label: fieldLabel('nhs_number'), a: nhs(a), b: nhs(b), agreement: 'hidden' },
  ];
}

export const AGREEMENT_LABELS: Record<Agreement, string> = {
  same: 'Same',
  differs: 'Differs',
  missing: 'Not in both',
  hidden: 'Compared in the evidence',
};

/** "Priya Shah" style full name of one record. */
export function recordName(record: ReviewRecord): string {
  return `${record.givenName} ${record.familyName}`.trim();
}

export function decisionLabel(status: ReviewPair['status']): string {
  if (status === 'same') return 'Same person';
  if (status === 'different') return 'Different people';
  return 'Not decided yet';
}

/** "1 match waiting for review", "3 matches waiting for review" or the empty state's words. */
export function formatOpenCount(open: number): string {
  if (open <= 0) return 'No matches waiting for review';
  return `${open} ${open === 1 ? 'match' : 'matches'} waiting for review`;
}

/** "Review matches (3)"; without a count while it is not known. */
export function reviewLinkLabel(open: number | null): string {
  return open === null ? 'Review matches' : `Review matches (${open})`;
}

/** The server's queue order: likeliest match first, then oldest (lowest id). */
function comesBefore(x: Pick<ReviewPair, 'id' | 'probability'>, y: Pick<ReviewPair, 'id' | 'probability'>): boolean {
  if (x.probability !== y.probability) return x.probability > y.probability;
  // Ids are digit strings of up to 16 digits: compare as numbers without losing precision.
  return x.id.length !== y.id.length ? x.id.length < y.id.length : x.id < y.id;
}

/**
 * The open pair to review after `current`: the one that follows it in the queue's order, so a
 * pair skipped earlier does not come back straight away; at the end, the queue starts again from
 * the top. Null when nothing else is open.
 */
export function nextOpenPairId(
  pairs: readonly Pick<ReviewPair, 'id' | 'probability' | 'status'>[],
  current: Pick<ReviewPair, 'id' | 'probability'>,
): string | null {
  const open = pairs.filter((pair) => pair.status === 'open' && pair.id !== current.id);
  if (open.length === 0) return null;
  const sorted = [...open].sort((x, y) => (comesBefore(x, y) ? -1 : comesBefore(y, x) ? 1 : 0));
  const after = sorted.find((pair) => comesBefore(current, pair));
  return (after ?? sorted[0])!.id;
}
