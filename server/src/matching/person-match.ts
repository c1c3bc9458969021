// People, first version: records link when their normalised given name, family name and date
// of birth are exactly equal. Kept behind personMatchKey() so real linkage can replace it.

function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

export function personMatchKey(p: { givenName: string; familyName: string; dateOfBirth: string }): string {
  return `${nameKey(p.givenName)}|${nameKey(p.familyName)}|${p.dateOfBirth}`;
}
