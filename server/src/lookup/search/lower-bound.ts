// The first position in [lo, hi) whose item is not before the one sought, in a sorted run: where
// the search's sorted words, postcodes, UPRNs and house numbers are looked up.
export function lowerBound(lo: number, hi: number, isBefore: (position: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
