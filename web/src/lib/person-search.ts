// Finding a person: what was typed turned into the search's POST body (a name and a date of birth
// never go in a URL, in history state or in storage), the answer in words, and the way to a
// person's page carrying the purpose (a code and a case reference, never a name). Pure functions.
import type { FindPeople, MatchStrength, Purpose, PersonSearchRequest } from '@mast/shared';
import type { PurposeChoice } from '$lib/purpose.ts';

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export interface PersonSearchForm {
  givenName: string;
  familyName: string;
  dateOfBirth: DateParts;
  nhsNumber: string;
}

/** A field the person must fix, and what to say beside it. */
export interface FieldProblem {
  field: 'givenName' | 'familyName' | 'dateOfBirth' | 'nhsNumber';
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const EARLIEST_BIRTH = '1880-01-01';
// As the API checks names (PersonSearchRequestSchema): letters, spaces, hyphens, apostrophes.
const NAME = /^[\p{L}\p{M} .'’-]*$/u;

/**
 * Day, month and year as typed into three boxes, as YYYY-MM-DD; all three blank is "not known"
 * (''), which the search allows. A date that is not real, or in the future, is refused here
 * rather than sent.
 */
export function dateOfBirthFrom(parts: DateParts, today: Date = new Date()): { ok: true; value: string } | { ok: false; message: string } {
  const [day, month, year] = [parts.day.trim(), parts.month.trim(), parts.year.trim()];
  if (day === '' && month === '' && year === '') return { ok: true, value: '' };
  if (day === '' || month === '' || year === '') return { ok: false, message: 'Enter the day, month and year, or leave all three blank.' };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { ok: false, message: 'Enter the date in numbers, like 7 3 1984, with the year in four digits.' };
  }
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t) || !new Date(t).toISOString().startsWith(iso)) return { ok: false, message: 'That is not a real date. Check the day and month.' };
  if (iso < EARLIEST_BIRTH || iso > today.toISOString().slice(0, 10)) return { ok: false, message: 'Enter a date of birth in the past.' };
  return { ok: true, value: iso };
}

function nameProblem(field: 'givenName' | 'familyName', text: string): FieldProblem | null {
  if (text.length > 60) return { field, message: 'Use at most 60 characters.' };
  if (!NAME.test(text)) return { field, message: 'Use letters, spaces, hyphens and apostrophes only.' };
  return null;
}

/**
 * The search's body, or what to fix first. It needs a family name with a given name or a date of
 * birth, or an NHS number (where the role may search by one: the field is not shown otherwise).
 */
export function personSearchBody(form: PersonSearchForm, choice: PurposeChoice, findPeople: FindPeople, today: Date = new Date()): Checked<PersonSearchRequest> {
  const givenName = form.givenName.trim();
  const familyName = form.familyName.trim();
  const nhsNumber = findPeople === 'name-or-nhs-number' ? form.nhsNumber.replace(/\s+/g, '') : '';
  const problems: FieldProblem[] = [];
  for (const p of [nameProblem('givenName', givenName), nameProblem('familyName', familyName)]) if (p) problems.push(p);
  const dob = dateOfBirthFrom(form.dateOfBirth, today);
  if (!dob.ok) problems.push({ field: 'dateOfBirth', message: dob.message });
  if (nhsNumber !== '' && !/^\d{10}$/.test(nhsNumber)) problems.push({ field: 'nhsNumber', message: 'An NHS number has 10 digits.' });
  if (problems.length > 0) return { ok: false, problems };
  if (nhsNumber === '' && (familyName === '' || (givenName === '' && dob.ok && dob.value === ''))) {
    const message =
      familyName === ''
        ? findPeople === 'name-or-nhs-number'
          ? 'Enter a family name, or an NHS number.'
          : 'Enter a family name.'
        : 'Enter a given name or a date of birth as well.';
    return { ok: false, problems: [{ field: familyName === '' ? 'familyName' : 'givenName', message }] };
  }
  const body: PersonSearchRequest = { givenName, familyName, dateOfBirth: dob.ok ? dob.value : '', nhsNumber, purpose: choice.purpose };
  if (choice.reference) body.reference = choice.reference;
  return { ok: true, value: body };
}

const STRENGTH_WORDS: Record<MatchStrength, string> = {
  strong: 'Strong match',
  likely: 'Likely match',
  possible: 'Possible match',
};

/** The strength of a result in words, never by colour alone. */
export function strengthWords(strength: MatchStrength): string {
  return STRENGTH_WORDS[strength] ?? strength;
}

/**
 * What to say when no one was found. Never "not known to any agency": a search finding no one
 * is not proof that no agency knows the person (a spelling, a date typed differently, records
 * the agreement keeps from this role), so it says what to try next.
 */
export function noOneFoundText(searched: { dateOfBirthGiven: boolean; byNhsNumber: boolean }): string[] {
  const tries = searched.byNhsNumber
    ? ['Check the NHS number, or search by name and date of birth.']
    : ['Check the spelling of the names.', ...(searched.dateOfBirthGiven ? ['Try again without the date of birth.'] : []), 'Try a short form or a previous family name.'];
  return [
    'No one found. This does not mean no agency knows this person: records may spell their name differently, or not be shared with your role.',
    ...tries,
    'Or search by their address.',
  ];
}

/** A person's page, for the purpose given: a code and a reference in the query, never a name. */
export function personPath(personId: string, choice: PurposeChoice | null): string {
  if (!choice) return `/person/${encodeURIComponent(personId)}`;
  const params = new URLSearchParams({ purpose: choice.purpose, ...(choice.reference && { reference: choice.reference }) });
  return `/person/${encodeURIComponent(personId)}?${params}`;
}

/** The purpose carried in a link (?purpose=&reference=), if it is one this user may give. */
export function purposeFromQuery(query: URLSearchParams, allowed: readonly Purpose[]): PurposeChoice | null {
  const code = query.get('purpose');
  const purpose = allowed.find((p) => p.code === code);
  if (!purpose) return null;
  const reference = query.get('reference')?.trim() || null;
  if (purpose.reference === 'required' && !reference) return null;
  return { purpose: purpose.code, reference: purpose.reference === 'none' ? null : reference };
}
