// Which words of the gazetteer a typed word may be, and how surely (1 for the word itself). A
// word is its exact self; the last word may be one it begins (still being typed); an earlier word
// may be one it begins only if it is no word of the gazetteer itself ("mil lane", not "mill lane":
// "Mill" was finished, it is not Millbrook); and a word may be a slip away (a letter dropped,
// doubled, changed or swapped), more surely the longer it is.
import { editDistance } from '../../matching/address/fuzzy.ts';
import type { QueryWord } from './search-query.ts';
import { lowerBound } from './lower-bound.ts';
import type { SearchIndex } from './search-index.ts';

/** Word id -> how surely the typed word is that word (0..1]. */
export type WordMatches = Map<number, number>;

const QUALITY = {
  exact: 1,
  /** A start of the word: this plus its share of the word's length times `prefixShare`. */
  prefixLast: 0.55,
  prefixEarlier: 0.45,
  prefixShare: 0.4,
  /** One slip in a word of 7 letters or more, 5 or 6, 4; two slips in 8 or more. */
  slipLong: 0.75,
  slipMedium: 0.65,
  slipShort: 0.5,
  twoSlips: 0.5,
  /** A slip that makes another real word is likelier to be that word than a slip. */
  slipFromRealWord: 0.5,
} as const;

export function matchWord(index: SearchIndex, word: QueryWord): WordMatches {
  const out: WordMatches = new Map();
  const put = (id: number | undefined, q: number) => {
    if (id !== undefined && q > (out.get(id) ?? 0)) out.set(id, q);
  };
  const { text } = word;
  const exactId = index.wordIds.get(text);
  put(exactId, QUALITY.exact);
  // ST is Saint or Street, by position in the name: either reading is exact.
  if (text === 'ST') {
    put(index.wordIds.get('SAINT'), QUALITY.exact);
    put(index.wordIds.get('STREET'), QUALITY.exact);
  }

  const starts = word.last ? [text, ...(word.typed ? [word.typed] : [])] : exactId === undefined && text.length >= 3 ? [text] : [];
  for (const start of starts) {
    const base = word.last ? QUALITY.prefixLast : QUALITY.prefixEarlier;
    forEachWordStartingWith(index, start, (id, w) => {
      if (w !== start) put(id, base + (QUALITY.prefixShare * start.length) / w.length);
    });
  }

  if (text.length >= 4) {
    const max = text.length >= 8 ? 2 : 1;
    const damp = exactId === undefined ? 1 : QUALITY.slipFromRealWord;
    const one = text.length >= 7 ? QUALITY.slipLong : text.length >= 5 ? QUALITY.slipMedium : QUALITY.slipShort;
    const vocabulary = index.vocabulary;
    const candidates = index.slipCandidates.near(text, max);
    for (let k = 0; k < candidates.length; k++) {
      const id = candidates[k]!;
      const w = vocabulary[id]!;
      if (w === text) continue;
      const d = editDistance(text, w, max);
      if (d <= max) put(id, (d === 1 ? one : QUALITY.twoSlips) * damp);
    }
  }
  return out;
}

function forEachWordStartingWith(index: SearchIndex, start: string, visit: (id: number, word: string) => void): void {
  const sorted = index.sortedWords;
  const vocabulary = index.vocabulary;
  for (let k = lowerBound(0, sorted.length, (m) => vocabulary[sorted[m]!]! < start); k < sorted.length; k++) {
    const id = sorted[k]!;
    const w = vocabulary[id]!;
    if (!w.startsWith(start)) break;
    visit(id, w);
  }
}

/**
 * Two words typed as one ("millane", "stationroad"): a word that is no gazetteer word but splits
 * into two that are (the second may be unfinished if it is the last, and may share the letter
 * at the join) is read as those two.
 */
export function splitJoinedWords(index: SearchIndex, words: readonly QueryWord[]): QueryWord[] {
  const out: QueryWord[] = [];
  for (const w of words) {
    const t = w.text;
    if (t.length < 6 || index.wordIds.has(t)) {
      out.push(w);
      continue;
    }
    let split: [string, string] | null = null;
    for (let i = t.length - 2; i >= 3 && !split; i--) {
      const left = t.slice(0, i);
      if (!index.wordIds.has(left)) continue;
      for (const right of [t.slice(i), t.slice(i - 1)]) {
        if (index.wordIds.has(right) || (w.last && startsSomeWord(index, right))) {
          split = [left, right];
          break;
        }
      }
    }
    if (split) out.push({ text: split[0], typed: null, last: false }, { text: split[1], typed: null, last: w.last });
    else out.push(w);
  }
  return out;
}

function startsSomeWord(index: SearchIndex, start: string): boolean {
  let found = false;
  forEachWordStartingWith(index, start, () => (found = true));
  return found;
}
