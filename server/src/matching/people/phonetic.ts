// Sound-alike codes for names, so "Steven"/"Stephen" and "Thompson"/"Tomson" agree at the
// phonetic level. Double Metaphone (the well-kept `double-metaphone` package) gives a primary
// and an alternate code; two names agree when any code of one equals any code of the other.
import { doubleMetaphone } from 'double-metaphone';

const cache = new Map<string, readonly [string, string]>();

/** [primary, alternate] Double Metaphone codes of a normalised name; ['', ''] for ''. Memoised:
 * a million records hold only tens of thousands of distinct names. */
export function metaphone(name: string): readonly [string, string] {
  if (!name) return ['', ''];
  let codes = cache.get(name);
  if (!codes) {
    const [p, s] = doubleMetaphone(name);
    codes = [p, s];
    if (cache.size > 500_000) cache.clear();
    cache.set(name, codes);
  }
  return codes;
}

export function soundsAlike(a: string, b: string): boolean {
  if (!a || !b) return false;
  const [pa, sa] = metaphone(a);
  const [pb, sb] = metaphone(b);
  return pa === pb || pa === sb || sa === pb || sa === sb;
}
