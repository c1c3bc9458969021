// The borough's geography: one invented town, its localities (each with postcode districts and a
// compass area that decides which partner team covers it), and the parts street and building
// names are made from. All names are made up; any likeness to a real street is chance.

export const TOWN = 'Mastbury';
/** A plausible West Midlands centre. */
export const CENTRE = { lat: 52.58, lon: -1.98 } as const;

export type Area = 'north' | 'south' | 'east' | 'west';

export interface Locality {
  name: string;
  /** Postcode districts: MB<n>. */
  districts: number[];
  area: Area;
  /** Share of the borough's addresses. */
  share: number;
  /** Offset of the locality's centre from the town centre, in kilometres (east, north). */
  km: [number, number];
}

export const LOCALITIES: readonly Locality[] = [
  { name: 'Castlegate', districts: [1], area: 'east', share: 0.08, km: [0, 0] },
  { name: 'Kingsmead', districts: [2], area: 'east', share: 0.1, km: [1.8, 0.4] },
  { name: 'Northfield', districts: [3, 4], area: 'north', share: 0.17, km: [0.2, 3] },
  { name: 'Ashby Green', districts: [5, 6], area: 'east', share: 0.14, km: [3.4, 1.2] },
  { name: 'Hollins End', districts: [7], area: 'south', share: 0.1, km: [0.8, -2.6] },
  { name: 'Whitcombe', districts: [8, 9], area: 'south', share: 0.15, km: [-1.6, -3.4] },
  { name: 'Brackenhurst', districts: [10], area: 'west', share: 0.1, km: [-3.2, -0.4] },
  { name: 'Millbrook', districts: [11, 12], area: 'west', share: 0.16, km: [-2.4, 2.4] },
];

/** First words of street names. Trees, landmarks, saints, worthies and old field names. */
export const STREET_PREFIXES: readonly string[] = `Church Park Oak Elm Ash Birch Willow Chestnut Cedar Hawthorn Rowan
Holly Maple Poplar Sycamore Laurel Hazel Alder Larch Juniper Meadow Brook Orchard Manor Grange Priory Abbey
Chapel Vicarage Rectory School College Market Bridge Canal Wharf Forge Foundry Furnace Colliery Pit Quarry
Brick Kiln Tannery Victoria Albert Queen's King's Prince's Princess Regent Coronation Jubilee Windsor York
Lancaster Stafford Warwick Derby Chester Lichfield Shrewsbury Worcester Hereford Ludlow Stratford Kenilworth
Ashford Brampton Carlton Denby Elsworth Fenwick Glenfield Hanbury Ingleby Kelham Linford Marston
Norbury Ockley Pendle Quenby Radley Selby Thornbury Upton Wardley Yardley Ansley Barwell Colston Dunstall
Eastcote Foxley Gresley Hinton Ickford Keyworth Loxley Melbury Netherton Orton Pinfold Redhill Stoneleigh
Tilbury Whitley Kingsley Lindley Castle Tower Hall Crown Cannon Rowley Bradford
Farm Mill Green Heath Common Moor Field Hill Valley Ridge Vale Dale Glebe Croft Paddock Spinney Copse Coppice
Dingle Hollow Springfield Fairfield Broadfield Longfield Westfield Eastfield Southfield Highfield Lowfield
Riverside Brookside Hillside Woodside Parkside Lakeside Fieldside Moorside Shakespeare Milton Tennyson
Wordsworth Byron Shelley Keats Chaucer Dickens Hardy Austen Bronte Eliot Kipling Elgar Purcell Handel
Nelson Wellington Churchill Gladstone Disraeli Peel Pitt Cromwell Raleigh Drake Newton Darwin Faraday
Telford Brunel Stephenson Watt Boulton Wedgwood Darby Arkwright Wesley Cavendish Grosvenor Belgrave Clarence
Cambridge Oxford Gloucester Somerset Devon Cornwall Dorset Rutland Norfolk Suffolk Essex Kent Surrey Sussex
Bedford Lincoln Nottingham Leicester Northampton Buckingham Hampton Ashley Bentley Bramley Hadley Hartley
Oakley Shirley Stanley Wheatley Barley Clover Heather Bracken Fern Foxglove Primrose Bluebell Snowdrop
Lavender Rosemary Thistle Tulip Daffodil Kingfisher Heron Swallow Lark Wren Linnet Falcon Kestrel Merlin
Badger Otter Fox Hare Deer`.split(/\s+/).filter((w, i, all) => w !== '' && all.indexOf(w) === i);

/** Street types with how often each appears and the house-count range typical of it. */
export const STREET_TYPES: Readonly<Record<string, { weight: number; houses: [number, number] }>> = {
  Road: { weight: 26, houses: [20, 140] },
  Street: { weight: 14, houses: [20, 110] },
  Avenue: { weight: 10, houses: [20, 90] },
  Lane: { weight: 7, houses: [10, 70] },
  Close: { weight: 10, houses: [6, 28] },
  Crescent: { weight: 6, houses: [14, 60] },
  Drive: { weight: 7, houses: [14, 70] },
  Way: { weight: 5, houses: [14, 60] },
  Court: { weight: 2, houses: [6, 24] },
  Gardens: { weight: 4, houses: [10, 40] },
  Grove: { weight: 4, houses: [10, 40] },
  Place: { weight: 2, houses: [6, 30] },
  Walk: { weight: 2, houses: [6, 30] },
  Rise: { weight: 1, houses: [8, 30] },
  Terrace: { weight: 2, houses: [10, 40] },
  Mews: { weight: 1, houses: [6, 18] },
};

/** Saints' roads: St Mary's Road and the like, the classic source of "St"-for-Street confusion. */
export const SAINTS: readonly string[] = ["St Mary's", "St John's", "St Peter's", "St Paul's", "St Andrew's", "St Michael's", "St Luke's", "St Anne's", "St Margaret's", "St George's", "St Matthew's", "St James's"];

/** Second words of blocks of flats: "Beech Court", "Victoria House". */
export const BLOCK_TYPES: readonly string[] = ['Court', 'House', 'Lodge', 'Point', 'Heights', 'Mansions', 'Tower', 'Place'];

export const HOUSE_NAMES: readonly string[] = [
  'Rose Cottage', 'The Laurels', 'Woodside', 'Fairview', 'Hillcrest', 'The Willows', 'Ivy Cottage',
  'Orchard House', 'The Old Forge', 'Holly Lodge', 'Meadow View', 'The Gables', 'Brook House',
  'Old School House', 'The Coach House', 'Oak Lodge', 'Sunnyside', 'Greenacres', 'The Old Vicarage',
  'Windrush', 'Little Orchard', 'The Beeches', 'Mill House', 'Hawthorn Cottage', 'The Poplars',
];

/**
 * Abbreviations people type for street words (upper or title case, with or without a dot). The
 * common ones dominate; "La", "Gro", "Tce" and "Wk" are real but rarer, and test a matcher's list.
 */
export const STREET_ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  Road: ['Rd', 'RD', 'Rd.'],
  Street: ['St', 'ST', 'St.'],
  Avenue: ['Ave', 'AVE', 'Av'],
  Lane: ['Ln', 'LN', 'La'],
  Close: ['Cl', 'CL'],
  Crescent: ['Cres', 'CRES', 'Cresc'],
  Drive: ['Dr', 'DR'],
  Way: ['Wy'],
  Court: ['Ct', 'CT'],
  Gardens: ['Gdns', 'GDNS'],
  Grove: ['Gr', 'Gro'],
  Place: ['Pl', 'PL'],
  Terrace: ['Terr', 'Tce'],
  Walk: ['Wk'],
};
