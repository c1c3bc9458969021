// The person matcher's evidence in a data steward's words: each field, and each level a field
// can reach, said as a sentence, never as the matcher's key ("dateOfBirth", "years-apart",
// "jaro-winkler>=0.92"). Here in shared/ so that a server test can hold every level the matcher
// has to a wording. No zod here: the web app imports this at run time.

/** "dateOfBirth" and "date_of_birth" alike -> "date_of_birth". */
export function fieldKey(field: string): string {
  return field
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase();
}

const FIELD_LABELS: Record<string, string> = {
  given_name: 'Given name',
  family_name: 'Family name',
  date_of_birth: 'Date of birth',
  sex: 'Sex',
  address: 'Address',
  postcode: 'Postcode',
  nhs_number: 'NHS number',
  prior: 'Before comparing any field',
};

/** The wording of a field this table knows, or undefined (fieldLabel then spells the key out). */
export function fieldWords(field: string): string | undefined {
  return FIELD_LABELS[fieldKey(field)];
}

/** "dateOfBirth" -> "Date of birth"; an unknown field is spelt out from its name. */
export function fieldLabel(field: string): string {
  const key = fieldKey(field);
  const known = FIELD_LABELS[key];
  if (known) return known;
  const words = key.replace(/_+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Unnamed field';
}

const SPELLING: Record<string, string> = {
  'jaro-winkler>=0.92': 'Spelt almost the same',
  'jaro-winkler>=0.88': 'Spelt alike, with a few letters different',
};

const LEVELS_BY_FIELD: Record<string, Record<string, string>> = {
  given_name: {
    exact: 'The same name',
    variant: 'A short form or variant of the same name',
    phonetic: 'Spelt differently but sound the same',
    ...SPELLING,
    else: 'Different names',
  },
  family_name: {
    exact: 'The same name',
    'one-part-equal': 'One part of a double-barrelled or married name is the same',
    phonetic: 'Spelt differently but sound the same',
    ...SPELLING,
    else: 'Different names',
  },
  date_of_birth: {
    exact: 'The same date',
    'day-month-swapped': 'Day and month swapped',
    'one-digit-off': 'One digit different',
    'year-near': 'In the same year, or a year apart on the same day',
    else: 'Different dates, less than ten years apart',
    'years-apart': 'Ten or more years apart',
  },
  sex: { equal: 'The same', different: 'Different' },
  address: {
    'same-address': 'The same address',
    'same-street-address': 'Same house number and street; the postcode differs or is missing',
    'same-postcode': 'Same postcode, another house',
    'same-district': 'Same postcode area (e.g. MB3), another street',
    else: 'Addresses in different areas',
  },
  nhs_number: { equal: 'The same number', 'one-edit': 'One digit different', different: 'Different numbers' },
};

/** The wording of a level this table knows, or undefined (levelLabel then spells the key out). */
export function levelWords(field: string, level: string, weight = 0): string | undefined {
  const key = level.trim();
  if (key === 'null') return 'Missing from one or both records';
  // A name's term-frequency term: a rare name agreeing says more than a common one.
  if (key === 'how common the name is' || key.startsWith('term frequency')) {
    return weight >= 0 ? 'An uncommon name, so its agreement counts for more' : 'A common name, so its agreement counts for less';
  }
  if (key === 'prior') return 'How often two records are one person, before any field is compared';
  return LEVELS_BY_FIELD[fieldKey(field)]?.[key] ?? SPELLING[key];
}

/** How the two records compared on one field, in words. */
export function levelLabel(field: string, level: string, weight = 0): string {
  const key = level.trim();
  if (!key) return 'Not compared';
  const known = levelWords(field, key, weight);
  if (known) return known;
  if (key === 'exact' || key === 'equal') return 'The same';
  if (key === 'else' || key === 'different') return 'Different';
  // A level in words already ("day and month swapped"), or a key this table does not know yet.
  const words = key.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
