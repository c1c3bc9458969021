// How much each agreeing part of an address counts, and the bars a best candidate must clear.
// Points, not probabilities: they are set so that the confident cases are exactly the ones a
// careful officer would accept without looking (see the comments), and anything weaker is left
// "possible" for review. Precision first: a wrong UPRN shows someone else's history.

export const WEIGHTS = {
  /** The unit: the house number, the named house, or the flat label agrees. */
  unit: 30,
  /** A weaker unit: "Flat 1" for the ground floor flat, "10" for "10-12". Never enough alone. */
  unitLoose: 15,
  /** A flat's building number also written and agreeing. */
  flatBuildingNumber: 5,
  streetExact: 30,
  /** Street name without its type ("27 Mill, Mastbury"). */
  streetCore: 20,
  /** Street one slip away in its name or type ("Mil Lane", "Mill Lnae": address/street-slip.ts). */
  streetFuzzy: 15,
  /** Building name agreeing besides the street; or in place of the street when none is written. */
  nameWithStreet: 10,
  nameAlone: 30,
  postcodeFull: 25,
  postcodeOneOff: 12,
  postcodeSector: 8,
  postcodeDistrict: 0,
  /** A postcode in another district that is not one slip away: evidence against. */
  postcodeElsewhere: -25,
  /** Same district, other sector: weaker evidence against. */
  postcodeOtherSector: -5,
  locality: 5,
  /** The address names another of the borough's localities and not the candidate's. */
  otherLocality: -10,
  town: 2,
} as const;

/**
 * 60 = unit + exact street: "27 Mill Lane" with no postcode is confident when the street name is
 * unique in the gazetteer. A fuzzy or type-less street needs the postcode (or locality) to agree.
 */
export const MATCH_BAR = 60;
/** Below this the best candidate is too weak even to show a reviewer. */
export const POSSIBLE_BAR = 35;
/**
 * The best must beat the next different address by this much: the same street name in two
 * localities, with no postcode or locality written, scores a tie and is left "possible".
 */
export const MARGIN = 10;
