// Given and family names for the synthetic residents: our own lists of common British and Irish
// names (with the short forms and spellings people really use, which the error injector swaps in)
// plus names from the borough's larger communities. Never read from ../shared/data/names: that
// list is the benchmarks' yardstick, and a generator built from it would flatter the matcher.

export type Sex = 'M' | 'F';
/** Name pools by community, so a household's names hang together. */
export type Origin = 'british' | 'south-asian-muslim' | 'south-asian-hindu-sikh' | 'polish' | 'west-african';
/** o: usual for people born before ~1965, m: 1965-1995, y: since 1995. */
export type Era = 'o' | 'm' | 'y';

export interface GivenName {
  name: string;
  sex: Sex;
  /** Short forms and alternative spellings seen in partner systems for the same person. */
  variants: readonly string[];
  eras: string;
  weight: number;
  origin: Origin;
}

// name|variants (comma separated)|eras|weight
const BRITISH_MALE = `
William|Bill,Will,Billy,Liam|omy|5
John|Jon,Jack,Johnny|om|6
James|Jim,Jimmy,Jamie|omy|6
Robert|Rob,Bob,Bobby,Robbie|om|5
Michael|Mike,Mick,Mikey|om|5
David|Dave,Davey|om|6
Richard|Rich,Rick,Richie|om|4
Thomas|Tom,Tommy|omy|5
Christopher|Chris,Kit|m|4
Daniel|Dan,Danny|my|4
Matthew|Matt|my|4
Anthony|Tony,Ant|om|3
Andrew|Andy,Drew|om|4
Stephen|Steve,Steven,Stevie|om|4
Paul||om|4
Mark|Marc|m|4
Peter|Pete|o|4
Edward|Ed,Eddie,Ted|oy|3
Joseph|Joe,Joey|omy|3
Charles|Charlie,Chas|o|3
Kevin|Kev|m|2
Gary|Gaz|m|2
Ian|Iain|om|2
Alan|Allan,Al|o|2
Brian|Bryan|o|2
Kenneth|Ken,Kenny|o|2
George|Georgie|oy|4
Harry||y|4
Henry|Harry,Hal|oy|2
Samuel|Sam,Sammy|my|3
Benjamin|Ben,Benny|my|3
Alexander|Alex,Alec,Sandy|my|3
Nicholas|Nick,Nicky|m|2
Jonathan|Jon,Jonny|m|2
Patrick|Pat,Paddy|om|2
Sean|Shaun,Shawn|m|2
Liam||my|3
Connor|Conor|y|2
Callum|Calum,Cal|y|2
Jack|Jackie|y|4
Oliver|Olly,Ollie|y|4
Jacob|Jake|y|3
Noah||y|3
Oscar|Ossie|y|2
Leo||y|2
Archie||y|2
Charlie||y|3
Alfie|Alf|y|2
Frederick|Fred,Freddie,Freddy|oy|2
Tyler||y|1
Kyle||m|1
Dean||m|1
Craig||m|2
Lee|Leigh|m|2
Wayne||m|1
Darren|Daz|m|2
Jason||m|2
Scott||m|2
Ryan||my|2
Luke||my|2
Nathan|Nate|my|2
Adam||my|3
Joshua|Josh|y|3
Lewis|Louis|y|2
Ethan||y|2
Mason||y|1
Dylan||y|2
Reece|Rhys,Reese|y|1
Declan||m|1
Ciaran|Kieran|my|1
Niall|Neil|m|1
Eoin|Owen|my|1
Seamus|Shay|o|0.5
Dermot||o|0.5
Gareth|Gaz|m|1
Rhys|Reece|my|1
Angus|Gus|o|0.5
Arthur|Art|o|2
Albert|Bert,Bertie|o|1
Ernest|Ernie|o|1
Leonard|Len,Lenny|o|1
Stanley|Stan|o|1
Francis|Frank,Fran|o|1
Raymond|Ray|o|2
Roy||o|1
Derek|Del|o|1
Terence|Terry,Tel|o|1
Geoffrey|Geoff,Jeff|o|1
Malcolm|Mal|o|1
Norman||o|1
Barry|Baz|o|1
Keith||o|1
Graham|Graeme|o|1
Colin||o|1
Trevor||o|1
Dennis|Den|o|1
Ronald|Ron,Ronnie|o|1
Philip|Phil,Pip|om|2
Timothy|Tim,Timmy|m|1
Simon|Si|m|2
Martin|Marty|om|2
Stuart|Stewart,Stu|m|1
Russell|Russ|m|1
Carl|Karl|m|1
Delroy||o|0.3
Winston||o|0.3
`;

const BRITISH_FEMALE = `
Margaret|Maggie,Peggy,Meg,Marge|o|4
Mary|Molly,Polly,Mae|o|4
Patricia|Pat,Patsy,Trish,Tricia|o|3
Elizabeth|Liz,Lizzie,Beth,Betty,Libby|omy|4
Catherine|Kathryn,Katherine,Kate,Cathy,Katie|omy|4
Susan|Sue,Suzy,Susie|om|4
Sandra|Sandi,Sandy|om|3
Jennifer|Jenny,Jen|m|2
Deborah|Debbie,Debra,Deb|m|2
Rebecca|Becky,Becca|m|3
Victoria|Vicky,Vikki,Tori|m|2
Samantha|Sam,Sammy|m|3
Joanne|Jo,Joanna|m|3
Nicola|Nicky,Nikki|m|3
Michelle|Shelley|m|2
Sarah|Sara|my|4
Emma|Em|my|4
Laura|Lora|my|3
Claire|Clare|m|3
Helen|Helena|om|3
Karen|Caren|m|3
Julie|Julia,Jules|m|2
Tracey|Tracy|m|2
Lisa||m|2
Amanda|Mandy|m|2
Dawn||m|1
Donna||m|1
Kelly|Kelley|m|1
Leanne|Lee-Anne,Lianne|m|2
Gemma|Jemma|m|2
Hayley|Haley|m|2
Stacey|Stacy|m|1
Natalie|Nat|my|2
Louise|Lou,Louisa|m|2
Charlotte|Charlie,Lottie|my|3
Jessica|Jess,Jessie|my|3
Amy|Aimee,Amie|my|3
Hannah|Hanna|my|3
Lauren|Loren|my|2
Chloe||y|3
Olivia|Liv,Livvy|y|4
Amelia|Millie|y|3
Isla||y|3
Ava||y|3
Emily|Em,Emmie|y|3
Sophie|Sophia|y|3
Grace|Gracie|oy|2
Lily|Lilly,Lillie|y|3
Ella||y|2
Poppy||y|2
Freya||y|2
Evie|Eve|y|2
Ruby||y|2
Megan|Meg,Meghan|y|2
Jade||my|1
Abigail|Abbie,Abby|y|2
Daisy||y|1
Mia||y|2
Dorothy|Dot,Dolly|o|2
Joan|Joanie|o|2
Barbara|Barb,Babs|o|2
Irene|Renee|o|1
Doris||o|1
Jean||o|2
Brenda||o|1
Sheila||o|1
Valerie|Val|o|1
Pauline||o|1
Christine|Chris,Chrissie|om|2
Janet|Jan|o|2
Linda|Lyn|o|2
Carol|Carole|o|2
Gillian|Gill,Jill|om|2
Anne|Ann,Annie|om|2
Judith|Judy,Jude|o|1
Wendy||o|1
Lesley|Lesly|om|1
Kathleen|Kath,Kathy,Kay|o|2
Eileen|Aileen|o|1
Maureen|Mo|o|1
Bridget|Bridie|o|1
Theresa|Teresa,Tess,Terri|o|1
Rosemary|Rose,Rosie|o|1
Shirley||o|1
Edith|Edie|o|0.5
June||o|1
Marion|Marian|o|1
Beverley|Bev|o|0.5
Marcia||o|0.3
Siobhan|Shivaun,Chevonne|m|1
Aoife|Eva|my|1
Niamh|Neve|my|1
Ciara|Kiera,Keira|my|1
Roisin|Rosheen|my|0.5
Sinead|Shinead|m|0.5
Orla|Orlagh|my|0.5
Sian|Shan|m|0.5
Rhiannon|Rhi|m|0.5
Bethan|Beth|m|0.5
Fiona|Fi|m|1
Kirsty|Kirstie,Kirsten|m|1
`;

const SOUTH_ASIAN_MUSLIM_MALE = `
Mohammed|Muhammad,Mohammad,Mohamed,Mo|omy|5
Ahmed|Ahmad|omy|2
Ali||my|2
Imran||m|2
Hassan|Hasan|my|1
Omar|Umar|my|1
Yusuf|Yousuf,Yousef|y|1
Ibrahim||my|1
Bilal||y|1
Zain|Zayn|y|1
Tariq||m|1
Abdul||o|1
Adam||y|2
`;
const SOUTH_ASIAN_MUSLIM_FEMALE = `
Fatima|Fatma|omy|3
Aisha|Ayesha,Aysha|my|2
Maryam|Mariam|y|1
Zainab|Zaynab|my|1
Amina|Aminah|my|1
Nadia||m|1
Sana||my|1
Shazia||m|1
Rukhsana||o|1
Nasreen|Nasrin|o|1
Hafsa||y|1
`;
const SOUTH_ASIAN_HINDU_SIKH_MALE = `
Rajesh|Raj|om|1
Sanjay|Sanj|m|1
Amit||m|1
Jaspal||om|1
Gurdeep||m|1
Arjun||y|1
Rohan||y|1
Vikram|Vik|m|1
Harjit||o|1
Dev||y|1
`;
const SOUTH_ASIAN_HINDU_SIKH_FEMALE = `
Priya||my|1
Sunita||m|1
Anjali||m|1
Pooja||my|1
Manjit||o|1
Kiran||m|1
Simran||y|1
Asha||o|1
Meera|Mira|my|1
`;
const POLISH_MALE = `
Tomasz|Tomek|my|1
Piotr||my|1
Jakub|Kuba|y|1
Marek||m|1
Krzysztof|Krzys|m|1
Pawel|Paweł|my|1
Kacper||y|1
`;
const POLISH_FEMALE = `
Agnieszka|Aga|my|1
Katarzyna|Kasia|my|1
Magdalena|Magda|m|1
Anna|Ania|my|1
Zofia|Zosia|y|1
Natalia||y|1
`;
const WEST_AFRICAN_MALE = `
Kwame||m|1
Kofi||m|1
Emmanuel|Manny|my|1
Chinedu|Chidi|m|1
Oluwaseun|Seun|my|1
Tunde|Babatunde|m|1
Samuel|Sam|my|1
`;
const WEST_AFRICAN_FEMALE = `
Blessing||my|1
Chiamaka|Amaka|my|1
Folasade|Sade|m|1
Precious||y|1
Abena||m|1
Grace||my|1
Adaeze|Ada|y|1
`;

function parseGiven(block: string, sex: Sex, origin: Origin): GivenName[] {
  return block
    .trim()
    .split('\n')
    .map((line) => {
      const [name = '', variants = '', eras = 'omy', weight = '1'] = line.split('|');
      return { name, sex, variants: variants ? variants.split(',') : [], eras, weight: Number(weight), origin };
    });
}

export const GIVEN_NAMES: readonly GivenName[] = [
  ...parseGiven(BRITISH_MALE, 'M', 'british'),
  ...parseGiven(BRITISH_FEMALE, 'F', 'british'),
  ...parseGiven(SOUTH_ASIAN_MUSLIM_MALE, 'M', 'south-asian-muslim'),
  ...parseGiven(SOUTH_ASIAN_MUSLIM_FEMALE, 'F', 'south-asian-muslim'),
  ...parseGiven(SOUTH_ASIAN_HINDU_SIKH_MALE, 'M', 'south-asian-hindu-sikh'),
  ...parseGiven(SOUTH_ASIAN_HINDU_SIKH_FEMALE, 'F', 'south-asian-hindu-sikh'),
  ...parseGiven(POLISH_MALE, 'M', 'polish'),
  ...parseGiven(POLISH_FEMALE, 'F', 'polish'),
  ...parseGiven(WEST_AFRICAN_MALE, 'M', 'west-african'),
  ...parseGiven(WEST_AFRICAN_FEMALE, 'F', 'west-african'),
];

/** Share of households by community (a West Midlands-like mix). */
export const ORIGIN_SHARES: Readonly<Record<Origin, number>> = {
  british: 0.8,
  'south-asian-muslim': 0.09,
  'south-asian-hindu-sikh': 0.05,
  polish: 0.03,
  'west-african': 0.03,
};

// Family names, most common first within each community; the order sets the weights.
const BRITISH_FAMILY = `Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson
Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Jackson Wood Turner Martin
Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips Watson Davis
Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy
Miller Cox Richards Marshall Anderson Simpson Ellis Adams Wilkinson Foster Chapman Powell Webb Rogers Gray
Mason Hunt Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher
Stevens Jenkins Murray Dixon Harvey Graham Pearson Fletcher Walsh Gibson Howard Andrews Stewart Elliott
Reynolds Saunders Payne Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson Bradley Spencer Gill Dawson
Ball Burton O'Brien Watts Rose Booth Perry Ryan Grant Wells Armstrong Francis Rees Hayes Hart Hudson Newman
Barrett Webster Hunter Gregory Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland
Hawkins Harding Porter Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Dean Lane Cooke Bates
Henderson Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross Long Freeman Warren Nicholls
Hamilton Byrne Sutton McDonald Yates Hodgson Robson Curtis Hopkins O'Connor Harper Coleman Watkins Moss
McCarthy Chambers O'Neill Griffin Sharp Hardy Wheeler Potter Osborne Johnston Gordon Doyle Wallace George
Jordan Hutchinson Rowe Burke May Pritchard Gilbert Willis Higgins Read Miles Stevenson Stephenson Hammond
Arnold Buckley Walters Hewitt Barber Nelson Slater Austin Sullivan Whitehead Mann Frost Lambert Stephens
Blake Lynch Goodwin Barton Woodward Thomson Cunningham Quinn Barnett Baxter Clayton Nash Greenwood Jennings
Holt Kemp Poole Gallagher Bond Stokes Tucker Davidson Fowler Heath Norman Middleton Banks Nolan Samuels
Whitfield Ainsworth Pickering Hollis Brennan Kavanagh Fitzgerald Donnelly McLaughlin MacKenzie Duffy
Sheridan Devlin Maguire Flanagan Connolly Llewellyn Pugh Vaughan Howells Jarvis Tomlinson Haynes Lamb`;
const SOUTH_ASIAN_MUSLIM_FAMILY = `Khan Hussain Ali Ahmed Begum Akhtar Iqbal Mahmood Rahman Bibi Shah Hussein
Butt Aslam Rashid Malik Chowdhury Uddin Miah Islam Sheikh Anwar`;
const SOUTH_ASIAN_HINDU_SIKH_FAMILY = `Patel Singh Kaur Sharma Kumar Mistry Chauhan Sandhu Dhillon Bains Gill
Parmar Solanki Sidhu Johal Thind Gupta`;
const POLISH_FAMILY = `Nowak Kowalski Wisniewski Kaminski Lewandowski Zielinski Wojcik Kowalczyk Mazur
Krawczyk`;
const WEST_AFRICAN_FAMILY = `Okafor Adeyemi Okonkwo Mensah Asante Boateng Owusu Adebayo Eze Nwosu Oduya
Bakare`;

export interface FamilyName {
  name: string;
  weight: number;
}

function parseFamily(block: string): FamilyName[] {
  // Roughly Zipf: the tenth name is about twice as common as the fortieth.
  return block
    .split(/\s+/)
    .filter(Boolean)
    .map((name, i) => ({ name, weight: 1 / Math.pow(i + 8, 0.9) }));
}

export const FAMILY_NAMES: Readonly<Record<Origin, readonly FamilyName[]>> = {
  british: parseFamily(BRITISH_FAMILY),
  'south-asian-muslim': parseFamily(SOUTH_ASIAN_MUSLIM_FAMILY),
  'south-asian-hindu-sikh': parseFamily(SOUTH_ASIAN_HINDU_SIKH_FAMILY),
  polish: parseFamily(POLISH_FAMILY),
  'west-african': parseFamily(WEST_AFRICAN_FAMILY),
};

/** Look-up by name, for the fixtures and the error injector. */
export const GIVEN_BY_NAME: ReadonlyMap<string, GivenName> = new Map(GIVEN_NAMES.map((g) => [`${g.sex}:${g.name}`, g]));
