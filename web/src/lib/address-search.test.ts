import { describe, it, expect } from 'vitest';
import { searchMessage, submitAction, type SearchState } from './address-search.ts';

const done = (over: Partial<SearchState>): SearchState => ({
  status: 'done', searched: 'mill lane', query: 'mill lane', total: 0, shown: 0, clearFirst: false, failure: '', choosing: false, ...over,
});

describe('searchMessage', () => {
  it('says how many there are when the list holds them all', () => {
    expect(searchMessage(done({ total: 1, shown: 1 }))).toBe('1 address found.');
    expect(searchMessage(done({ total: 7, shown: 7 }))).toBe('7 addresses found.');
  });
  it('says when there are more than it shows, and how to narrow the search', () => {
    expect(searchMessage(done({ total: 1234, shown: 10 }))).toBe('Showing 10 of 1,234 addresses. Add a house number or postcode to narrow the search.');
  });
  it('asks the officer to choose when the search key was pressed on an unclear list', () => {
    expect(searchMessage(done({ total: 2, shown: 2, choosing: true }))).toBe('2 addresses found. Choose the right one below.');
  });
  it('says nothing matched, with the query, and what to try', () => {
    expect(searchMessage(done({ searched: 'zebra' }))).toBe('No addresses match “zebra”. Check the spelling, or try the postcode.');
  });
});

describe('submitAction', () => {
  it('opens the first only when the server says it is clearly the one typed', () => {
    expect(submitAction(done({ total: 1, shown: 1, clearFirst: true }))).toBe('open');
    expect(submitAction(done({ total: 2, shown: 2, clearFirst: false }))).toBe('choose');
  });
  it('searches first when the list does not answer what is in the box', () => {
    expect(submitAction(done({ query: 'mill lane 2', total: 1, shown: 1, clearFirst: true }))).toBe('search');
    expect(submitAction({ status: 'searching', searched: '', query: 'mill', clearFirst: false, shown: 0 })).toBe('search');
  });
});
