// The key an uncertain address is reviewed and decided by: the address text and postcode as the
// partner sent them, with case, punctuation and spacing folded away, so "27 Mil Lane," and
// "27 MIL LANE" are one item for a steward and one decision. Nothing cleverer (no abbreviations
// expanded): a decision must only ever apply to what the steward actually saw.
// Migration 0007 computes the same in SQL for rows stored before it: change both or neither.

/** "27 Mil Lane," + "mb3 4rt" -> "27 MIL LANE|MB34RT"; null when there is no address text. */
export function addressKey(address: string | null | undefined, postcode: string | null | undefined): string | null {
  const text = (address ?? '').replace(/[^A-Za-z0-9]+/g, ' ').trim().toUpperCase();
  if (text === '') return null;
  return `${text}|${(postcode ?? '').replace(/[^A-Za-z0-9]+/g, '').toUpperCase()}`;
}
