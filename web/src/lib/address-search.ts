// What the search box says and what its search key does, kept apart from the component so the
// rules can be tested: the key opens the first address only when the server says it is clearly
// the one typed; otherwise the officer chooses, because a wrong house opened reads "not known".

export type SearchStatus = 'idle' | 'searching' | 'done' | 'failed';

export interface SearchState {
  status: SearchStatus;
  /** The query the shown list answers. */
  searched: string;
  /** What is in the box now. */
  query: string;
  total: number;
  shown: number;
  clearFirst: boolean;
  failure: string;
  /** The search key was pressed on a list that is not clearly one address. */
  choosing: boolean;
}

const count = (n: number) => n.toLocaleString('en-GB');

export function searchMessage(s: SearchState): string {
  if (s.status === 'searching') return 'Searching…';
  if (s.status === 'failed') return s.failure;
  if (s.status === 'idle') return 'Type part of an address or a postcode. Spelling need not be exact.';
  if (s.total === 0) return `No addresses match “${s.searched}”. Check the spelling, or try the postcode.`;
  const choose = s.choosing && s.total > 1 ? ' Choose the right one below.' : '';
  if (s.total === 1) return `1 address found.${choose}`;
  if (s.shown >= s.total) return `${count(s.total)} addresses found.${choose}`;
  return `Showing ${count(s.shown)} of ${count(s.total)} addresses.${choose} Add a house number or postcode to narrow the search.`;
}

/** The search key: open the first (it is clearly the one), show the list to choose from, or search first. */
export function submitAction(s: Pick<SearchState, 'status' | 'searched' | 'query' | 'clearFirst' | 'shown'>): 'open' | 'choose' | 'search' {
  if (s.status !== 'done' || s.searched !== s.query.trim()) return 'search';
  if (s.clearFirst && s.shown > 0) return 'open';
  return 'choose';
}
