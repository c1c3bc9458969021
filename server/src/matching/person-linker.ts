// Links each feed row's person to the people mast already knows, one row at a time, with the
// Fellegi-Sunter model of matching/people: a confident match joins that person; an uncertain one
// becomes a new person and goes to the stewards' review queue with its evidence; stewards'
// decisions win over the model. Built afresh for each upload from the database (never shared
// between server processes).
import { getLatestLinkModel, getLinkableRecords, getMatchDecisions, saveLinkModel, type Db, type LinkableRecord } from '@mast/db';
import { normalisePostcode } from './address-normalise.ts';
import { PersonIndex, decisionPatterns, explainPair, parseStreet, streetKey, linkRecords, modelFromJson, modelToJson, type LinkageModel, type PersonRecord } from './people/index.ts';
import DEFAULT_MODEL from './people/default-model.json' with { type: 'json' };

/**
 * Below this many records the data cannot teach the model (a few thousand open cases hold
 * almost no repeat people for EM to learn from): the shipped starting model is used.
 */
export const MIN_TRAINING_RECORDS = 50_000;

/**
 * A trained model must at least link two records that agree on everything (name, date of
 * birth, sex, home) and keep apart two that agree on nothing but sex; one that does not has
 * learnt from unsuitable data and is not used.
 */
export function isSaneModel(model: LinkageModel): boolean {
  const a: PersonRecord = { id: 'a', givenName: 'Sandra', familyName: 'Kelly', dateOfBirth: '1971-03-14', sex: 'F', postcode: 'MB3 4RT', uprn: '1' };
  const same = explainPair({ ...model, termFrequency: false }, a, { ...a, id: 'b' });
  const other = explainPair({ ...model, termFrequency: false }, a, { id: 'c', givenName: 'Joan', familyName: 'Okafor', dateOfBirth: '1990-07-01', sex: 'F', postcode: 'MB7 2CD', uprn: '2' });
  return same.band === 'linked' && other.band === 'not-linked';
}

export interface PersonInput {
  feed: string;
  sourceId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex?: string;
  nhsNumber?: string;
  uprn?: number | null;
  postcode?: string;
  /** The row's address as typed, or a stored street key ("10 highstreet"). */
  street?: string;
}

export interface LinkOutcome {
  personId: number;
  /** A person made for this row (no one known matched it well enough). */
  created: boolean;
  band: 'linked' | 'possible' | 'not-linked';
  /** The building number and street the matcher read from the row's address ("10 highstreet"),
   * kept with the stored record (as streetKeyOf gives it, read here without parsing again). */
  streetKey: string | null;
  /** A record sent again: the person it was linked to before (stored, or linked earlier in this
   * upload). The upload re-shows or deletes that person (a record that left them, or a corrected
   * name) once all its rows are written. */
  previousPersonId?: number;
  /** For a possible match: the record to review against, and the evidence. */
  review?: { candidateKey: string; weight: number; probability: number; evidence: { field: string; level: string; weight: number }[] };
}

export const recordKey = (feed: string, sourceId: string) => `${feed}\u0000${sourceId}`;

/** The feed and source id a record key names. */
export function sourceOfKey(key: string): { feed: string; sourceId: string } {
  const cut = key.indexOf('\u0000');
  return { feed: key.slice(0, cut), sourceId: key.slice(cut + 1) };
}

function toPersonRecord(key: string, p: Omit<PersonInput, 'feed' | 'sourceId'>): PersonRecord {
  return {
    id: key,
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
    nhsNumber: p.nhsNumber,
    uprn: p.uprn == null ? undefined : String(p.uprn),
    postcode: normalisePostcode(p.postcode) ?? undefined,
    street: p.street,
  };
}

/** The building number and street the matcher compares, kept with a stored record: "10 highstreet". */
export function streetKeyOf(address: string | undefined): string | null {
  const { number, street } = parseStreet(address);
  return streetKey(number, street);
}

/** What the matcher compares, from a stored person record. */
export function personInputOf(r: LinkableRecord): Omit<PersonInput, 'feed' | 'sourceId'> {
  return {
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    sex: r.sex ?? undefined,
    nhsNumber: r.nhs_number ?? undefined,
    uprn: r.uprn,
    postcode: r.postcode ?? undefined,
    street: r.street_key ?? undefined,
  };
}

/** Term-frequency terms name the name; the review queue keeps levels, not values. */
function evidenceOf(level: string): string {
  return level.startsWith('term frequency') ? 'how common the name is' : level;
}

export class PersonLinker {
  /** Person id per index position: every record known, or linked in this upload. */
  private personAt = new Float64Array(1024);
  private readonly different = new Set<string>();
  private readonly same = new Map<string, string[]>();
  /** Records a steward has decided about: never answered from the cache below. */
  private readonly decided = new Set<string>();
  /** Within an upload, a record identical in everything compared to one already linked is the
   * same person (a police feed names the same people again and again): feature hash -> the
   * position of the last such record, checked field by field before it is trusted. */
  private readonly sameAsSeen = new Map<number, number>();

  constructor(
    private readonly index: PersonIndex,
    existing: { key: string; personId: number }[],
    decisions: { a: string; b: string; decision: string }[],
  ) {
    for (const e of existing) this.setPerson(index.positionOf(e.key), e.personId);
    for (const d of decisions) {
      this.decided.add(d.a).add(d.b);
      if (d.decision === 'different') this.different.add(`${d.a}|${d.b}`).add(`${d.b}|${d.a}`);
      else {
        this.same.set(d.a, [...(this.same.get(d.a) ?? []), d.b]);
        this.same.set(d.b, [...(this.same.get(d.b) ?? []), d.a]);
      }
    }
  }

  private setPerson(position: number, personId: number): void {
    if (position < 0) throw new Error('record is not indexed');
    if (position >= this.personAt.length) {
      const grown = new Float64Array(Math.max(position + 1, this.personAt.length * 2));
      grown.set(this.personAt);
      this.personAt = grown;
    }
    this.personAt[position] = personId;
  }

  /** Whether mast holds a person record for this source record: every stored record is
   * indexed when the linker is built (under the upload's lock), and every record linked since. */
  knows(feed: string, sourceId: string): boolean {
    return this.index.has(recordKey(feed, sourceId));
  }

  /** The person of a record a steward said is the same as this one, if any is known. */
  private sameAsDecided(key: string): number | undefined {
    const others = this.same.get(key);
    if (others === undefined) return undefined;
    for (const k of others) {
      const p = this.personOf(k);
      if (p !== undefined) return p;
    }
    return undefined;
  }

  private personOf(key: string): number | undefined {
    const j = this.index.positionOf(key);
    return j < 0 ? undefined : this.personAt[j];
  }

  /**
   * Links one row's person. A row that matches no one well enough becomes a new person with the
   * id `newPersonId` hands out (reserved in advance, so linking never waits for the database).
   */
  link(input: PersonInput, newPersonId: () => number): LinkOutcome {
    const key = recordKey(input.feed, input.sourceId);
    const probe = toPersonRecord(key, input);
    const staged = this.index.stage(probe);
    const previous = staged.indexedAt < 0 ? undefined : this.personAt[staged.indexedAt];
    const streetKey = staged.streetKey();
    let outcome: LinkOutcome;
    let twinHash = -1;
    try {
      if (probe.givenName && probe.familyName && probe.dateOfBirth && !this.decided.has(key) && previous === undefined) {
        twinHash = staged.featureHash();
        const twin = this.sameAsSeen.get(twinHash);
        if (twin !== undefined && staged.sameAs(twin)) {
          const personId = this.personAt[twin]!;
          // Kept out of the blocks: a police feed names the same people again and again, and
          // every later probe would otherwise walk each copy to score it exactly as the first.
          staged.keepAsCopyOf(twin);
          this.setPerson(staged.position, personId);
          return { personId, created: false, band: 'linked', streetKey };
        }
      }
      // A steward said this record is the same person as another: that wins.
      const sameAs = this.sameAsDecided(key);
      // (Decisions are few: no pair key is built for a candidate unless there are some.)
      const different = this.different.size > 0 ? this.different : null;
      // Only the best candidate other than this record itself is used: without decisions to
      // filter by, two candidates always hold it (the record's own id is in the index at most
      // once), and the rest need not be scored into bands.
      const best = staged.best(different ? 10 : 2, key, different ? (id) => different.has(`${key}|${id}`) : null);
      // The band already holds the guards (twins, a namesake baby): see isGuarded.
      const band = best ? best.band : 'not-linked';
      // The same source record sent again (a daily snapshot repeats every open case): it stays
      // the person it was, unless it changed so much that it no longer matches its old self.
      const stillItself = previous !== undefined && !(best && band === 'linked') && staged.explain(key).band === 'linked';
      if (sameAs !== undefined) outcome = { personId: sameAs, created: false, band: 'linked', streetKey };
      else if (stillItself) outcome = { personId: previous, created: false, band: 'linked', streetKey };
      else if (best && band === 'linked') outcome = { personId: this.personOf(best.id)!, created: false, band: 'linked', streetKey };
      else {
        outcome = { personId: newPersonId(), created: true, band, streetKey };
        if (best && band === 'possible') {
          const why = staged.explain(best.id);
          outcome.review = {
            candidateKey: best.id,
            weight: why.totalWeight,
            probability: why.probability,
            evidence: why.comparisons.filter((c) => c.field !== 'prior').map((c) => ({ field: c.field, level: evidenceOf(c.level), weight: c.weight })),
          };
        }
      }
    } catch (e) {
      staged.drop();
      throw e;
    }
    if (previous === undefined) {
      // Later rows of the same upload can link to this one.
      staged.keep();
      this.setPerson(staged.position, outcome.personId);
      if (twinHash !== -1) this.sameAsSeen.set(twinHash, staged.position);
    } else {
      // A record sent again keeps its place in the index (as first indexed) and takes its new person.
      outcome.previousPersonId = previous;
      staged.drop();
      this.setPerson(staged.indexedAt, outcome.personId);
    }
    return outcome;
  }
}

/**
 * Builds the linker for one upload: the stored model (trained again once the records have
 * doubled since), or the starting model shipped with mast while there are too few records to
 * learn from; every known record indexed; every steward decision applied.
 */
export async function loadPersonLinker(db: Db): Promise<PersonLinker> {
  const records = await getLinkableRecords(db);
  const keyOf = new Map(records.map((r) => [r.id, recordKey(r.feed, r.source_id)]));
  const asPeople = records.map((r) => toPersonRecord(keyOf.get(r.id)!, personInputOf(r)));
  const stored = await getLatestLinkModel(db);
  let model = modelFromJson(JSON.stringify(stored ? stored.model : DEFAULT_MODEL));
  if (records.length >= MIN_TRAINING_RECORDS && (!stored || records.length >= 2 * stored.records)) {
    const trained = linkRecords(asPeople, { termFrequency: true }).model;
    if (isSaneModel(trained)) {
      model = trained;
      await saveLinkModel(db, JSON.parse(modelToJson(model)), records.length);
    }
  }
  // How common a name is can only be told from a population: among a handful of records every
  // name looks common, and the term-frequency terms would pull true matches apart.
  if (records.length < MIN_TRAINING_RECORDS) model.termFrequency = false;
  const decisions = (await getMatchDecisions(db)).map((d) => ({ a: keyOf.get(d.recordA) ?? '', b: keyOf.get(d.recordB) ?? '', decision: d.decision }));
  // Stewards' decisions teach the model too: pairs like the ones they decided (the same levels
  // on every field) move with them, where the model was unsure or a guard held the pair.
  model.feedback = feedbackOf(model, asPeople, decisions);
  const index = new PersonIndex(model);
  for (const p of asPeople) index.add(p);
  return new PersonLinker(
    index,
    records.map((r) => ({ key: keyOf.get(r.id)!, personId: r.person_id })),
    decisions,
  );
}

/** Comparison patterns of the decided pairs whose records are still known. */
export function feedbackOf(model: LinkageModel, people: readonly PersonRecord[], decisions: readonly { a: string; b: string; decision: string }[]) {
  const byKey = new Map(people.map((p) => [p.id, p]));
  const decided = decisions.flatMap((d) => {
    const a = byKey.get(d.a);
    const b = byKey.get(d.b);
    return a && b ? [{ a, b, same: d.decision === 'same' }] : [];
  });
  return decided.length > 0 ? decisionPatterns(model.validateNhsNumber, decided) : undefined;
}

/** The model in force: the newest stored one, or the starting model. */
export async function currentLinkModel(db: Db): Promise<LinkageModel> {
  const stored = await getLatestLinkModel(db);
  return modelFromJson(JSON.stringify(stored ? stored.model : DEFAULT_MODEL));
}

export interface ExplainedLink {
  recordId: number;
  toRecordId: number;
  weight: number;
  probability: number;
  evidence: { field: string; level: string; weight: number }[];
}

/**
 * Why records form one person: each record (after the first) explained against the earlier
 * record it agrees with most, field by field. Name frequencies are left out: they depend on the
 * population at the time of linking, and a steward needs the comparison itself.
 */
export function explainLinks(model: LinkageModel, records: { id: number; person: Omit<PersonInput, 'feed' | 'sourceId'> }[]): ExplainedLink[] {
  const plain = { ...model, termFrequency: false };
  const people = records.map((r) => toPersonRecord(String(r.id), r.person));
  const links: ExplainedLink[] = [];
  for (let i = 1; i < people.length; i++) {
    let best: ExplainedLink | undefined;
    for (let j = 0; j < i; j++) {
      const why = explainPair(plain, people[j]!, people[i]!);
      if (!best || why.totalWeight > best.weight) {
        best = {
          recordId: records[i]!.id,
          toRecordId: records[j]!.id,
          weight: why.totalWeight,
          probability: why.probability,
          evidence: why.comparisons.filter((c) => c.field !== 'prior').map((c) => ({ field: c.field, level: evidenceOf(c.level), weight: c.weight })),
        };
      }
    }
    links.push(best!);
  }
  return links;
}
