import { describe, it, expect } from 'vitest';
import { loadGazetteer } from '../gazetteer/load-reference-data.ts';
import { backendName, GAZETTEER_CSV, withSmallBorough } from '../test/small-borough.ts';
import { findAddresses } from './address-search.ts';

describe(`address search over the gazetteer table (${backendName()})`, () => {
  const borough = withSmallBorough();

  it('answers from the addresses table, labels and flats counted as stored', async () => {
    const found = await findAddresses(borough.database.db, 'beech court');
    expect(found.results[0]).toMatchObject({ uprn: '100000000010', label: 'Beech Court, 5 Station Road, Southgate, Mastbury', units: 2, parentUprn: null });
    expect(found.results[1]).toMatchObject({ uprn: '100000000011', parentUprn: '100000000010', units: 0 });
  });

  it('never answers from an old copy: a gazetteer loaded since is searched at once', async () => {
    const { database, files } = borough;
    expect((await findAddresses(database.db, '3 Larch Close')).total).toBe(0);
    const larch = `${GAZETTEER_CSV}100000000030,,,,3,Larch Close,Southgate,Mastbury,MB2 9ZZ,52.5,-1.9\n`;
    await loadGazetteer(database, files.write('gazetteer-2.csv', larch));
    const found = await findAddresses(database.db, '3 Larch Close');
    expect(found).toMatchObject({ total: 1, clearFirst: true, results: [{ uprn: '100000000030', postcode: 'MB2 9ZZ' }] });
  });
});
