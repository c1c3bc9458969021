// What people type into the type-ahead, a letter at a time, for a sample of addresses: a house
// number and part of its street, a postcode, the start of a street, every prefix of an address,
// and the street names every town has ("1 hig"), the type-ahead's worst collisions on a national
// sample. bench:lookup times these; search-dump records their answers, so that a faster search
// is shown to answer them exactly as before.

/** Street names every town has, typed a letter at a time: the type-ahead's worst collisions. */
const COMMON_STREETS = ['high street', 'station road', 'church road', 'mill lane', 'park road', 'london road', 'victoria road', 'green lane'];

export interface SampledAddress {
  buildingNumber: string | null;
  street: string;
  postcode: string;
}

/** `count` queries over `sample`, drawn from `random` (a number in [0, 1)). */
export function typeAheadQueries(sample: readonly SampledAddress[], random: () => number, count: number): string[] {
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const a = sample[Math.floor(random() * sample.length)]!;
    const street = a.street.toLowerCase();
    const typed = `${a.buildingNumber ?? ''} ${street}`.trim();
    const kind = i % 6;
    if (kind === 0) queries.push(`${a.buildingNumber ?? ''} ${street.slice(0, Math.max(4, Math.ceil(street.length * 0.6)))}`.trim());
    else if (kind === 1) queries.push(a.postcode.toLowerCase());
    else if (kind === 2) queries.push(street.slice(0, 5));
    // As typed, a letter at a time: every prefix from three letters on is a search.
    else if (kind === 3) queries.push(typed.slice(0, 3 + Math.floor(random() * (typed.length - 2))));
    else {
      const common = COMMON_STREETS[Math.floor(random() * COMMON_STREETS.length)]!;
      const prefix = common.slice(0, 3 + Math.floor(random() * (common.length - 2)));
      queries.push(kind === 4 ? prefix : `${1 + Math.floor(random() * 60)} ${prefix}`);
    }
  }
  return queries;
}
