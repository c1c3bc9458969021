// The matcher's evidence in a data steward's words (the wording of fields and levels is in
// shared/evidence-words.ts). And where two dates of birth differ as a typing slip would make them
// (two digits swapped, or one digit different), it says so: the matcher may have read "1971" and
// "1917" as a generation apart. Display only: the matcher's levels and weights are its own.
import type { MatchEvidence } from '@mast/shared';
import { fieldKey } from '@mast/shared/evidence-words';
import { formatDate } from './format.ts';

export { fieldLabel, levelLabel } from '@mast/shared/evidence-words';

export interface TypingSlip {
  kind: 'swapped' | 'one digit';
  /** The parts that differ as each record has them: years ("1971", "1917") or whole dates. */
  a: string;
  b: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether two dates of birth ("YYYY-MM-DD") differ as a typing slip would make them: two
 * neighbouring digits swapped (1971 / 1917), or one digit different (1971 / 1981). Null when
 * they are the same, differ in other ways, or are not both dates. (Day and month swapped is a
 * level of the matcher's own, said by levelLabel.)
 */
export function dateOfBirthSlip(a: string, b: string): TypingSlip | null {
  const ma = ISO_DATE.exec(a);
  const mb = ISO_DATE.exec(b);
  if (!ma || !mb || a === b) return null;
  const da = a.replaceAll('-', '');
  const db = b.replaceAll('-', '');
  const differ = [...da].flatMap((digit, i) => (digit === db[i] ? [] : [i]));
  const [first, second] = differ;
  let kind: TypingSlip['kind'];
  if (differ.length === 1) kind = 'one digit';
  else if (differ.length === 2 && second === first! + 1 && da[first!] === db[second] && da[second] === db[first!]) kind = 'swapped';
  else return null;
  // Within the year, the years say it best; elsewhere the whole dates.
  const inYear = differ.every((i) => i < 4);
  return inYear ? { kind, a: ma[1]!, b: mb[1]! } : { kind, a: formatDate(a), b: formatDate(b) };
}

/** "Dates of birth differ by two swapped digits (1971 / 1917): likely a typing slip". */
export function describeSlip(slip: TypingSlip): string {
  const how = slip.kind === 'swapped' ? 'two swapped digits' : 'one digit';
  return `Dates of birth differ by ${how} (${slip.a} / ${slip.b}): likely a typing slip`;
}

/** The sentence for a pair's dates of birth, or null when no typing slip is likely. */
export function dateOfBirthSlipNote(a: string, b: string): string | null {
  const slip = dateOfBirthSlip(a, b);
  return slip ? describeSlip(slip) : null;
}

/** Whether an evidence line is the date-of-birth comparison. */
export function isDateOfBirth(item: Pick<MatchEvidence, 'field'>): boolean {
  return fieldKey(item.field) === 'date_of_birth';
}
