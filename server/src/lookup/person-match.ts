// Scores the people a search read against what the practitioner typed, with the person matcher's
// own comparisons and model (nicknames, spellings, sounds, day and month swapped, names the wrong
// way round), and says in words why each was found. The probe carries no address or sex, so those
// comparisons stay silent; a person scores as their best-agreeing record.
import { COMPARISONS, C_DOB, C_FAMILY, C_GIVEN, C_IDENT, compare, givenLevel, levelOf } from '../matching/people/comparisons.ts';
import { FeatureStore } from '../matching/people/features.ts';
import { gammaWeight, weightTable, type LinkageModel } from '../matching/people/model.ts';
import type { MatchStrength } from '@mast/shared';
import type { CandidateRecord } from '@mast/db';

export interface PersonProbe {
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD or '' */
  dateOfBirth: string;
  /** Ten digits or '' (only when the viewer may search by NHS number). */
  nhsNumber: string;
}

export interface ScoredMatch {
  /** Sum of the comparisons' match weights (log2 Bayes factor), without a prior: higher agrees better. */
  weight: number;
  strength: MatchStrength;
  why: string[];
}

/** A person is shown when their best record agrees at least this well (16 to 1 for over against): a
 * name spelt alike with the date of birth of someone else's twin stays out, a nickname and a
 * swapped date come in. */
export const SHOW_FROM_WEIGHT = 4;
/** "likely" from here: an exact name with no date of birth to compare, or the date one digit out. */
const LIKELY_FROM_WEIGHT = 12;

const level = (k: number, gamma: number) => COMPARISONS[k]!.levels[levelOf(gamma, k)] as string;

const GIVEN_AGREES = new Set(['exact', 'variant', 'phonetic', 'jaro-winkler>=0.92']);
const FAMILY_AGREES = new Set(['exact', 'one-part-equal', 'phonetic', 'jaro-winkler>=0.92']);

const GIVEN_WORDS: Record<string, string> = {
  exact: 'given name matches',
  variant: 'given name is a nickname or short form',
  phonetic: 'given name sounds the same',
  'jaro-winkler>=0.92': 'given name spelt almost the same',
  'jaro-winkler>=0.88': 'given name spelt alike',
  else: 'given name differs',
};
const FAMILY_WORDS: Record<string, string> = {
  exact: 'family name matches',
  'one-part-equal': 'one part of a double-barrelled or married family name matches',
  phonetic: 'family name sounds the same',
  'jaro-winkler>=0.92': 'family name spelt almost the same',
  'jaro-winkler>=0.88': 'family name spelt alike',
  else: 'family name differs',
};
const DOB_WORDS: Record<string, string> = {
  exact: 'date of birth matches',
  'day-month-swapped': 'date of birth matches with day and month swapped',
  'one-digit-off': 'date of birth one digit different',
  'year-near': 'born the same year (or a year apart on the same day)',
  else: 'date of birth differs',
  'years-apart': 'born ten or more years apart',
};
const NHS_WORDS: Record<string, string> = {
  equal: 'NHS number matches',
  'one-edit': 'NHS number one digit different',
  different: 'NHS number differs',
};

/** The reasons for one comparison vector, agreements first. */
export function matchReasons(gamma: number, namesSwapped: boolean, probe: PersonProbe): string[] {
  const agree: string[] = [];
  const differ: string[] = [];
  const put = (words: string | undefined, good: boolean) => words && (good ? agree : differ).push(words);
  const nhs = level(C_IDENT, gamma);
  if (nhs !== 'null') put(NHS_WORDS[nhs], nhs === 'equal');
  const given = level(C_GIVEN, gamma);
  if (given !== 'null') put(GIVEN_WORDS[given], GIVEN_AGREES.has(given));
  const family = level(C_FAMILY, gamma);
  if (family !== 'null') put(FAMILY_WORDS[family], FAMILY_AGREES.has(family));
  if (namesSwapped) agree.push('given and family names recorded the other way round');
  const dob = level(C_DOB, gamma);
  if (dob !== 'null') put(DOB_WORDS[dob], dob === 'exact' || dob === 'day-month-swapped');
  else if (!probe.dateOfBirth) differ.push('no date of birth given to compare');
  return [...agree, ...differ];
}

function strengthOf(gamma: number, weight: number): MatchStrength | null {
  if (level(C_IDENT, gamma) === 'equal') return 'strong';
  const dob = level(C_DOB, gamma);
  if ((dob === 'exact' || dob === 'day-month-swapped') && GIVEN_AGREES.has(level(C_GIVEN, gamma)) && FAMILY_AGREES.has(level(C_FAMILY, gamma))) return 'strong';
  if (weight >= LIKELY_FROM_WEIGHT) return 'likely';
  if (weight >= SHOW_FROM_WEIGHT) return 'possible';
  return null;
}

/**
 * Each candidate's records scored against the probe: the best record's score, or null when none
 * agrees enough to be shown. `recordsOf` lists candidates' records in the order given.
 */
export function scoreCandidates(model: LinkageModel, probe: PersonProbe, recordsOf: readonly (readonly CandidateRecord[])[]): (ScoredMatch | null)[] {
  const store = new FeatureStore({ validateNhsNumber: model.validateNhsNumber });
  store.add({ id: 'probe', givenName: probe.givenName, familyName: probe.familyName, dateOfBirth: probe.dateOfBirth, nhsNumber: probe.nhsNumber || undefined });
  const table = weightTable(model);
  const searchingByNhs = probe.nhsNumber !== '';
  return recordsOf.map((records) => {
    let best: { gamma: number; weight: number; at: number } | null = null;
    for (const r of records) {
      const at = store.add({
        id: 'c',
        givenName: r.given_name,
        familyName: r.family_name,
        dateOfBirth: r.date_of_birth,
        // A record's NHS number is compared only when the search gave one.
        nhsNumber: searchingByNhs ? (r.nhs_number ?? undefined) : undefined,
      });
      const gamma = compare(store, 0, at);
      const weight = gammaWeight(table, gamma);
      if (!best || weight > best.weight) best = { gamma, weight, at };
    }
    if (!best) return null;
    const strength = strengthOf(best.gamma, best.weight);
    if (!strength) return null;
    const direct = givenLevel(store, store.given[0]!, store.given[best.at]!);
    const swapped = levelOf(best.gamma, C_GIVEN) < direct && direct !== 0;
    return { weight: best.weight, strength, why: matchReasons(best.gamma, swapped, probe) };
  });
}
