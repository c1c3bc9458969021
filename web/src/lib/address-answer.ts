// The answer at the top of an address page, to be read in two seconds: which agencies are
// involved, by name, and which are not known; a "not known" from a feed that is late or never
// came says so, since then it may only mean "not sent". Nothing is left out: every agency is
// named on one side or the other. Pure functions; no network.
import type { AddressSummary, FeedId, Involvement } from '@mast/shared';
import { AGENCIES } from '@mast/shared/agencies';
import { shortUnitLabel } from './format.ts';

export interface AnswerPart {
  agency: FeedId;
  name: string;
  /** Why a "not known" may not mean much: "data late", "no data received"; null when the feed is fresh. */
  caveat: string | null;
}

export interface AddressAnswer {
  involved: AnswerPart[];
  notKnown: AnswerPart[];
  /** Agencies with nothing to show that the sharing agreement keeps some or all records of from this viewer: never "not known". */
  notShared: AnswerPart[];
  /** The whole answer as one sentence (for screen readers and tests). */
  text: string;
}

const CAVEATS: Record<Involvement['feed']['state'], string | null> = { fresh: null, late: 'data late', missing: 'no data received' };

/** An agency line with nothing to show that may hold what the viewer is not shown. */
export function isNotShared(involvement: Involvement): boolean {
  return !involvement.involved && involvement.shared !== 'all';
}

function part(involvement: Involvement): AnswerPart {
  return { agency: involvement.agency, name: involvement.agencyName, caveat: involvement.involved ? null : CAVEATS[involvement.feed.state] };
}

/** "Children's social care (data late)". */
export function partText(p: AnswerPart): string {
  return p.caveat ? `${p.name} (${p.caveat})` : p.name;
}

/**
 * "Police, Adult social care, NHS A&E involved; Children's social care, Fire and rescue not known",
 * in the display order of each side.
 */
export function addressAnswer(agencies: readonly Involvement[]): AddressAnswer {
  const involved = agencies.filter((a) => a.involved).map(part);
  const notKnown = agencies.filter((a) => !a.involved && a.shared === 'all').map(part);
  const notShared = agencies.filter(isNotShared).map((a) => ({ agency: a.agency, name: a.agencyName, caveat: null }));
  const names = (parts: AnswerPart[]) => parts.map(partText).join(', ');
  const sides: string[] = [];
  if (involved.length > 0) sides.push(`${names(involved)} involved`);
  if (notKnown.length > 0) sides.push(`${names(notKnown)} not known`);
  if (notShared.length > 0) sides.push(`${names(notShared)} not all shared with you`);
  const none = notShared.length === 0 ? 'No agency has recorded involvement here' : 'No involvement shared with you here';
  const text = involved.length === 0 ? `${none}: ${sides.join('; ')}` : sides.join('; ');
  return { involved, notKnown, notShared, text };
}

/** The agency lines with the involved ones first, each side in display order: all of them, always. */
export function involvedFirst(agencies: readonly Involvement[]): Involvement[] {
  return [...agencies.filter((a) => a.involved), ...agencies.filter((a) => !a.involved)];
}

/** "Police, Children's social care" for a flat's agencies, in display order. */
export function agencyNames(ids: readonly FeedId[]): string {
  return ids.map((id) => AGENCIES[id]?.name ?? id).join(', ');
}

/** The flats of a building with involvement, by their short names ("Flat 4"), in the list's order. */
export function flatsWithInvolvement(summary: Pick<AddressSummary, 'units' | 'address'>): string[] {
  return summary.units.filter((u) => u.agencies.length > 0).map((u) => shortUnitLabel(u.label, summary.address.label));
}

/**
 * Where a person is known, in words, when the page covers more than one place (a building and
 * its flats): "Flat 4", "Flat 1 and Flat 4", "the building (no flat named)". Null when it would
 * only repeat the address at the top of the page.
 */
export function knownAtText(knownAt: readonly string[], summary: Pick<AddressSummary, 'units' | 'address'>): string | null {
  if (summary.units.length === 0 || knownAt.length === 0) return null;
  const names = knownAt.map((uprn) => {
    if (uprn === summary.address.uprn) return 'the building (no flat named)';
    const unit = summary.units.find((u) => u.uprn === uprn);
    return unit ? shortUnitLabel(unit.label, summary.address.label) : uprn;
  });
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
