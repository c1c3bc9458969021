// Why a pair of person records waits for a data steward, in one or two plain sentences: the
// matcher's evidence (field levels, as stored with the pair) read for the patterns that make a
// pair uncertain (twins, a parent and a child of one name, a common name, a married name, a
// move) and otherwise a list of what agrees and what does not. Pure and free of zod, so the web
// app can import it. Never names a value compared (no names, dates or numbers of a person).
import { fieldKey } from './evidence-words.ts';

/** Why the matcher held a pair back whatever its weight, when the server knows (see holdOf). */
export type HoldReason = 'twins' | 'parent-child' | 'household-date' | 'common-name-apart' | 'nhs-differs' | 'born-apart';

export interface ReasonInput {
  /** Field levels as the matcher gives them: { field: 'givenName', level: 'exact', weight }. */
  evidence: readonly { field: string; level: string; weight: number }[];
  probability: number;
  hold?: HoldReason | null;
}

type Levels = Record<string, string>;

const NAME_AGREES = new Set(['exact', 'variant', 'phonetic', 'one-part-equal', 'jaro-winkler>=0.92', 'jaro-winkler>=0.88']);
const SAME_HOME = new Set(['same-address', 'same-street-address']);
const APART = new Set(['same-district', 'else']);
const BIRTH_AGREES = new Set(['exact', 'day-month-swapped', 'one-digit-off']);

const WHAT: Record<string, string> = {
  given_name: 'given name',
  family_name: 'family name',
  date_of_birth: 'date of birth',
  sex: 'sex',
  address: 'address',
  nhs_number: 'NHS number',
};

function levelsOf(evidence: ReasonInput['evidence']): { levels: Levels; commonName: boolean } {
  const levels: Levels = {};
  let commonName = false;
  for (const e of evidence) {
    const key = fieldKey(e.field);
    if (e.level === 'how common the name is' || e.level.startsWith('term frequency')) {
      if (e.weight < 0) commonName = true;
      continue;
    }
    if (key in WHAT) levels[key] = e.level;
  }
  return { levels, commonName };
}

const has = (levels: Levels, field: string) => levels[field] !== undefined && levels[field] !== 'null';
const agrees = (levels: Levels, field: string) => NAME_AGREES.has(levels[field] ?? '');

/** The pattern the levels show, when one of the look-alikes explains them. */
function patternOf(levels: Levels, commonName: boolean, hold: HoldReason | null | undefined): HoldReason | 'married' | 'moved' | 'no-date' | null {
  if (hold) return hold;
  const given = levels.given_name ?? 'null';
  const family = levels.family_name ?? 'null';
  const dob = levels.date_of_birth ?? 'null';
  const address = levels.address ?? 'null';
  const home = SAME_HOME.has(address) || address === 'same-postcode';
  if (levels.nhs_number === 'different') return 'nhs-differs';
  if (home && agrees(levels, 'family_name')) {
    if (dob === 'years-apart') return 'parent-child';
    if (dob === 'else') return 'household-date';
    if (given === 'else') return 'twins';
  }
  if (dob === 'years-apart' && (APART.has(address) || address === 'null') && agrees(levels, 'given_name') && agrees(levels, 'family_name')) return 'born-apart';
  const sameName = given === 'exact' && family === 'exact';
  if (sameName && (APART.has(address) || address === 'null') && commonName) return 'common-name-apart';
  if (agrees(levels, 'given_name') && family === 'else' && BIRTH_AGREES.has(dob) && levels.sex !== 'different') return 'married';
  if (agrees(levels, 'given_name') && agrees(levels, 'family_name') && BIRTH_AGREES.has(dob) && APART.has(address)) return 'moved';
  if (!has(levels, 'date_of_birth') && agrees(levels, 'given_name') && agrees(levels, 'family_name')) return 'no-date';
  return null;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** What agrees, what differs and what is missing, as one sentence. */
function tally(levels: Levels): string {
  const same: string[] = [];
  const differ: string[] = [];
  const missing: string[] = [];
  for (const [field, what] of Object.entries(WHAT)) {
    const level = levels[field];
    if (level === undefined) continue;
    if (level === 'null') missing.push(what);
    else if (level === 'else' || level === 'different' || level === 'years-apart') differ.push(what);
    else if (field === 'address' && level !== 'same-address' && level !== 'same-street-address') differ.push(what);
    else same.push(what);
  }
  const parts: string[] = [];
  if (same.length) parts.push(`the ${list(same)} agree${same.length === 1 ? 's' : ''}`);
  if (differ.length) parts.push(`the ${list(differ)} differ${differ.length === 1 ? 's' : ''}`);
  if (missing.length) parts.push(`the ${list(missing)} ${missing.length === 1 ? 'is' : 'are'} missing from one record`);
  const text = parts.join('; ');
  return text ? text.charAt(0).toUpperCase() + text.slice(1) + '.' : 'Nothing could be compared.';
}

const SENTENCES: Record<Exclude<ReturnType<typeof patternOf>, null>, (levels: Levels) => string> = {
  twins: (l) =>
    l.date_of_birth === 'null' || l.date_of_birth === undefined
      ? 'Held for you: same family name and address, different given names, and no date of birth on one record: a brother or sister?'
      : l.date_of_birth === 'exact'
        ? 'Held for you: same family name and address, born on the same day, different given names: these may be twins.'
        : 'Held for you: same family name and address, born close together, different given names: brothers or sisters, or twins?',
  'parent-child': (l) =>
    agrees(l, 'given_name')
      ? 'Same name and address, born ten or more years apart: a parent and child with one name?'
      : 'Same family name and address, born ten or more years apart: a parent and child?',
  'household-date': (l) =>
    l.given_name === 'else'
      ? 'Same family name and address, different given names and dates of birth: a brother or sister?'
      : 'Same name and address, but dates of birth that differ outright: a relative of the same name, or a date typed wrong?',
  'common-name-apart': () => 'Same name and date of birth, but living in different areas: a common name, so not linked without more.',
  'born-apart': () => 'Same name, but born ten or more years apart and living in different areas: two people with one name?',
  'nhs-differs': () => 'Held for you: the two records carry different NHS numbers, so they are kept apart unless you know better.',
  married: (l) =>
    l.address === 'same-address' || l.address === 'same-street-address'
      ? 'Same given name, date of birth and address, different family name: a married or changed name?'
      : 'Same given name and date of birth, different family name: a married or changed name?',
  moved: () => 'Same name and date of birth, living in different areas: a move of house?',
  'no-date': (l) =>
    SAME_HOME.has(l.address ?? '')
      ? 'Same name and address, but no date of birth on one record: nothing else tells this person from another of the same name there.'
      : 'Same name, but no date of birth on one record to be sure.',
};

/**
 * One or two sentences a steward reads before deciding: the likely story when the evidence fits
 * one, then what agrees and what does not.
 */
export function reviewReason(input: ReasonInput): string {
  const { levels, commonName } = levelsOf(input.evidence);
  const pattern = patternOf(levels, commonName, input.hold);
  const story = pattern ? SENTENCES[pattern](levels) : `Not sure: about ${Math.round(input.probability * 100)} in 100 that these are one person.`;
  return `${story} ${tally(levels)}`;
}
