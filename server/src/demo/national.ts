// The other towns of a national sample (--scale above 1): made-up post towns of many sizes, each
// with its own localities and postcode districts, in made-up postcode areas (two letters the Royal
// Mail's rules allow but no real area uses), several towns to an area as in real ones. All names
// are invented; any likeness to a real place is chance.
import type { Rng } from './prng.ts';
import type { Area } from './streets.ts';

export interface NationalLocality {
  name: string;
  districts: number[];
  /** The compass area deciding which partner team covers it (teams.ts). */
  area: Area;
  share: number;
  km: [number, number];
}

export interface NationalTown {
  name: string;
  /** Postcode area letters ("QB"). */
  area: string;
  /** The first district number the area's postcodes may open when its planned ones are full. */
  spareDistrict: number;
  addresses: number;
  centre: { lat: number; lon: number };
  localities: NationalLocality[];
}

/** Street names every town has its own of, beyond the borough's list. */
export const NATIONAL_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  Road: ['Station', 'London', 'New'],
  Street: ['Station', 'Bridge', 'Mill'],
  Lane: ['Station', 'Back', 'Green'],
  Avenue: ['Station'],
};

/** The two-letter postcode areas the Royal Mail uses; a made-up area must be none of them. */
const REAL_AREAS = new Set(
  `AB AL BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY EC EH EN EX FK FY GL GU
HA HD HG HP HR HS HU HX IG IP IV KA KT KW KY LA LD LE LL LN LS LU ME MK ML NE NG NN NP NR NW OL OX PA PE PH PL PO PR
RG RH RM SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB WA WC WD WF WN WR WS WV YO ZE`.split(/\s+/),
);
const FIRST_LETTERS = 'ABCDEFGHIJKLMNOPRSTUWYZ';
const SECOND_LETTERS = 'ABCDEFGHKLMNOPQRSTUVWXY';

const TOWN_STARTS = `Ash Brad Stan Wold Hart Kings Thorn Elm Market Brom Cald Hal Lang Ather Bex Cran Dun Eves Fal Gos Hors Ick
Ket Lyd Mel Nor Ock Pen Ram Sal Tad Ux Wen Yar Ald Bur Chel Dar Eg Farn Glen Hed Kirk Lox Mar Nan Orm Pad Rud Sut Tot Wal
Wic Bram Cor Dews Ful Hamp Lin Mid Rother Sand Tew Wet Whit Long Brack Stoke Clay Hol Red Staple`.split(/\s+/);
const TOWN_ENDS = ['ford', 'ton', 'ham', 'bury', 'ley', 'field', 'wick', 'borough', 'minster', 'by', 'thorpe', 'bridge', 'well', 'stow', 'worth', 'combe', 'mouth', 'den', 'hurst', 'stead'];
const SUBURB_FIRSTS = `Ash Oak Kings Queens Church Mill Park Brook Hall Moor Holly Thorn Castle Bridge Upper Lower Nether Little Great
West East North South Old New Fox Hare Cold Hill Wood Stone Green Lark Heron Elm Alder Rose`.split(/\s+/);
const SUBURB_SECONDS = ['Green', 'End', 'Heath', 'Park', 'Hill', 'Cross', 'Common', 'Field', 'Vale', 'Bank', 'Hay', 'Gate', 'Side', 'Wood', 'Moor', 'Row'];
const COMPASS: readonly Area[] = ['north', 'south', 'east', 'west'];

const TOWNS_PER_AREA = 4;
/** Addresses per postcode district, about: a district of 4,000 units holds up to ~60,000. */
const ADDRESSES_PER_DISTRICT = 14_000;
const MAX_LOCALITIES = 12;

/** Towns holding `addresses` between them, about; sizes from a small town to a city's worth. */
export function nationalTowns(rng: Rng, addresses: number): NationalTown[] {
  const areas = rng.shuffle([...FIRST_LETTERS].flatMap((a) => [...SECOND_LETTERS].map((b) => a + b)).filter((c) => !REAL_AREAS.has(c) && c !== 'MB'));
  const townNames = new Set<string>(['Mastbury']);
  const towns: NationalTown[] = [];
  let left = addresses;
  let areaIndex = 0;
  let inArea = 0;
  let nextDistrict = 1;
  while (left > 0) {
    if (inArea === TOWNS_PER_AREA) {
      areaIndex = (areaIndex + 1) % areas.length;
      inArea = 0;
      nextDistrict = 1;
    }
    // Log-normal sizes around 40,000 addresses: many market towns, a few cities.
    const drawn = Math.round(Math.exp(Math.log(40_000) + 0.8 * rng.normal()));
    const size = Math.min(left, Math.max(5_000, Math.min(250_000, drawn)));
    left -= size;
    let name = '';
    do name = rng.pick(TOWN_STARTS) + rng.pick(TOWN_ENDS);
    while (townNames.has(name));
    townNames.add(name);
    const count = Math.max(1, Math.min(MAX_LOCALITIES, Math.round(size / ADDRESSES_PER_DISTRICT)));
    const localityNames = new Set<string>();
    const weights = Array.from({ length: count }, () => 0.5 + rng.next());
    const sum = weights.reduce((a, b) => a + b, 0);
    const localities = weights.map((w, k): NationalLocality => {
      let locality = '';
      do locality = `${rng.pick(SUBURB_FIRSTS)} ${rng.pick(SUBURB_SECONDS)}`;
      while (localityNames.has(locality));
      localityNames.add(locality);
      const km: [number, number] = k === 0 ? [0, 0] : [rng.normal() * 3, rng.normal() * 3];
      return { name: locality, districts: [nextDistrict++], area: rng.pick(COMPASS), share: w / sum, km };
    });
    towns.push({
      name,
      area: areas[areaIndex]!,
      spareDistrict: TOWNS_PER_AREA * MAX_LOCALITIES + 1,
      addresses: size,
      centre: { lat: 50.6 + rng.next() * 4.4, lon: -3.6 + rng.next() * 4 },
      localities,
    });
    inArea++;
  }
  return towns;
}
