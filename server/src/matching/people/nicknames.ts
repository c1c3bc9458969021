// mast's own table of British and Irish given names with the short forms, pet names and
// alternative spellings that partner systems record for the same person. Written for mast from
// common usage (not copied from any list): each line is one group; two names "agree as
// variants" when they share a group. A name may sit in several groups (Harry: Henry and Harold).

const GROUPS = `
william bill will billy willie willy liam wills wil
john jon jack johnny jonny jock ian iain sean shaun shawn eoin evan
jonathan jon jonny johnny nathan jonty
james jim jimmy jamie jimi seamus hamish jem
robert rob bob bobby robbie bert robin rab rabbie
michael mike mick mikey micky mickey mick michel micheal
david dave davey davy dai dafydd
richard rich rick ricky richie dick dickie
thomas tom tommy thom tomos
christopher chris kit topher christy kristopher
christian chris christy kristian
daniel dan danny dannie
matthew matt matty mat
anthony tony ant antony anton
andrew andy drew andi aindriu
stephen steve steven stevie stephan stefan
paul paulie pol
mark marc marcus
peter pete pedro peadar
edward ed eddie eddy ted teddy ned
edmund ed eddie ned ted edmond
edwin ed eddie
joseph joe joey jo jos seosamh
charles charlie chas chuck chaz carl
kevin kev caoimhin
gary gaz garry
alan allan allen al alun
brian bryan brien
kenneth ken kenny
george georgie geordie
henry harry hal hank enrique
harold harry hal
samuel sam sammy
benjamin ben benny benji
alexander alex alec sandy alastair alasdair alistair xander al
nicholas nick nicky nic nico colin
patrick pat paddy patsy padraig padraic
connor conor conner
callum calum cal
oliver olly ollie
jacob jake jakub
oscar ossie
frederick fred freddie freddy fredrick
alfred alf alfie fred freddie
archibald archie
leonard len lenny leo
lawrence laurence larry laurie lorcan
terence terry
gerald gerry gerard ged
francis frank frankie fran
raymond ray
ronald ron ronnie
donald don donnie
douglas doug dougie
dennis denis den
timothy tim timmy
philip phil pip phillip
nathaniel nat nathan nate
gregory greg
jeffrey jeff geoffrey geoff
martin marty
vincent vince vinny
victor vic
albert bert bertie al
herbert bert herbie
bernard bernie barney
arthur art artie
walter walt wally
stanley stan
sidney sid sydney
reginald reg reggie
cyril cy
maurice mo moss
howard howie
norman norm
leslie les lesley
nigel nige
clifford cliff
graham graeme gram
neil neal niall
declan dec
eamon eamonn eamon ned
liam william
ciaran kieran kieron ciaron
cathal charles
diarmuid dermot diarmaid
donal donall daniel
seamus shamus james
padraig patrick paudie
tadhg teague tim
oisin osheen
eoghan owen eoin
owen owain
rhys reece rees reese
gareth gaz gary
gwilym william
ifan evan
lewis louis lew lou
luke lucas
jake jacob
josh joshua
joshua josh
zachary zach zack zac
maximilian max
maxwell max
dominic dom
sebastian seb
tobias toby
theodore theo ted teddy
harrison harry
mohammed muhammad mohammad mohamed mohamad muhammed mohammod
ahmed ahmad
abdul abdel
yusuf yousef yusef joseph
ibrahim abraham
ismail ismael
sulaiman suleiman solomon
jakub kuba jacob
wojciech wojtek
krzysztof krzys christopher
tomasz tomek thomas
piotr piotrek peter
pawel pawel paul
aleksander olek alek alexander
oluwaseun seun
oluwatobi tobi
olumide mide
adebayo bayo
margaret maggie meg peggy rita marge margie madge maisie greta margo margot mairead
elizabeth liz beth betty lizzie eliza libby lisa bess bessie elspeth betsy lilibet elisabeth
catherine kate katie cathy kath kathy cat kay katherine kathryn kathleen caitlin caitriona
mary molly polly mae may maire moira maura mamie
sarah sara sally sadie
susan sue susie suzanne suzy
deborah debbie deb debra debs
rebecca becky becca bex
jennifer jenny jen jenna
jessica jess jessie
victoria vicky vicki tori
patricia pat patty trish tricia patsy
barbara barb babs
dorothy dot dottie dolly dora
helen helena ellen nell nellie elaine
eleanor ellie nell nora elinor eleanora
christine chris chrissie christina kirsty kirstie kristina tina
josephine jo josie
jacqueline jackie jacqui
joanne jo joanna jo
johanna jo hannah
hannah hanna ann anna
ann anne annie anna nan nancy hannah
angela angie
amanda mandy
samantha sam sammy
alexandra alex sandra lexi
sandra sandy
natalie nat natasha
natasha tash tasha natalia
nicola nicky nikki nicole
michelle shell shelley
gillian gill jill gilly
julie julia jules juliet
louise lou lulu louisa
lucy lucinda lucia
abigail abbie abby gail
amelia millie amy
emily emma milly millie em
emma em emmy
isabella bella izzy isabel isobel isabelle
isabel izzy bel belle
olivia liv livvy
sophie sophia
charlotte lottie charlie
grace gracie
ella ellie
eleanor nora
evelyn evie eve
florence flo flossie
harriet hattie hatty
matilda tilly tillie
phoebe pheebs
georgina georgie gina
georgia georgie
frances fran frankie fanny
alice ally ali alys
alison alyson allie ali
ann ana
agnes aggie nessa
bridget bridie biddy brigid bride
siobhan shevaun chevonne shivaun siobahn joan
aoife eva
aisling ashling
niamh neve nieve
sinead shinead janet jane
roisin rosheen rose
grainne grania
orla orlagh
mairead margaret
caoimhe keeva
saoirse seersha
clodagh cloda
deirdre dee
nuala fionnuala finola
fiona fi
eileen aileen eibhlin
maureen mo maureen
teresa theresa tess tessa terry tracy
tracey tracy
veronica ronnie
rosemary rose rosie
rose rosie rosa
jane janey jayne jean
janet jan jenny
janice jan
jean jeanie jeannie
joan joanie
kathleen kath kathy kay kate
karen karin caron
carol carole caroline carolyn carrie
caroline carrie caz lina
carly carley
catriona katrina trina
claire clare clara
danielle dani
diana di diane dianne
donna
dawn
elaine
gemma jemma
hayley haley hailey
heather
jade
joanne jo
kelly kelli
kerry kerrie
kimberley kim kimberly
laura lori
lauren laurie
leanne lianne
lindsay lindsey linzi
lisa
lorraine lorrie
lynn lynne linda lyn
linda lindy
lesley leslie les
mandy amanda
melanie mel
nadia
pamela pam
paula paulette
rachel rach rachael
shirley shirl
stephanie steph stevie
tina
valerie val
vanessa nessa
wendy
yvonne
zoe zoey
chloe
megan meg meghan
bethany beth
chelsea
courtney
jodie jody
kayleigh kayley kaylee
kirsty kirstie
shannon
sian sian shan
rhiannon rhian
angharad
bronwen bronwyn
gwendolyn gwen wendy
cerys ceri
nia
ffion fion
fatima fatimah
aisha ayesha aysha
khadija khadijah
maryam mariam miriam mary
zainab zaynab
amina aminah
nusrat
shabana
priya
agnieszka agnes aga
katarzyna kasia kate
malgorzata gosia margaret
magdalena magda madeleine madeline maddie
joanna asia
aleksandra ola olek alexandra
anna ania ann
oluwakemi kemi
folake
abimbola bimbo
chidinma chidi
ngozi
adaeze ada
augustine gus austin
augustus gus
cornelius con neil
constance connie
cornelia nell
winifred winnie freda
wilfred wilf fred
gertrude gertie trudy
mildred millie
edith edie
ethel
ada
beatrice bea trixie beatrix
violet vi
vivienne viv vivian
mabel mab
muriel
doreen
irene rene
marjorie marje margie
audrey
hilda
phyllis phyl
sylvia syl
gladys
ivy
annabel annabelle bella
penelope penny
philippa pippa pip
rosalind ros roz
antonia toni toni
roberta bobbie
jacinta
imogen immy
jemima jem mima
arabella bella
henrietta hetty etta
geraldine gerry
bernadette bernie
kathryn kate katie
madison maddie
ruby
poppy
daisy
lily lilly lillie
freya
isla
ava
mia
scarlett
layla leila laila
summer
ellis
jordan jordon
reece rhys
bradley brad
jamie james
jay
joel
ashley ash
kieran ciaran
curtis curt
scott scot
stuart stewart stu
jordan
ross
gavin
russell russ
warren
glenn glen
colin col
malcolm mal
barry baz
trevor trev
keith
derek del
clive
roger rodge
roy
eric rick
ernest ernie
frank
harvey
hugh hughie hugo
hugo hugh
ivan
jeremy jerry jez
jerome jerry
josiah joe
julian jules
kenneth kenny
kieth keith
lionel
marcus marc mark
mathew matthew matt
morgan
noel
percy percival
quentin
ralph rafe
randolph randy
rodney rod
roderick rod rory
rory ruairi ruaidhri
rupert
simon si
spencer
terrance terry terence
toby tobias
tristan
tyrone ty
wesley wes
zak zack
aidan aiden aodhan
brendan
cormac
colm colum
darragh daragh
fergus fergal
finbar barry finn
finn fionn
killian cillian
lorcan laurence
odhran oran
ronan
shane sean
`;

import { GIVEN_NAMES } from '../../demo/names.ts';
import { normaliseName } from './normalise.ts';

const groupsOf = new Map<string, number[]>();
{
  let g = 0;
  // The synthetic generator's list holds the same kind of knowledge for the borough's other
  // communities (and is project code, not benchmark data), so its variants join the table.
  const fromDemo = GIVEN_NAMES.filter((n) => n.variants.length > 0).map((n) => [n.name, ...n.variants].map(normaliseName).join(' '));
  for (const line of [...GROUPS.split('\n'), ...fromDemo]) {
    const names = line.trim().split(/\s+/).filter(Boolean);
    if (names.length < 2) continue;
    for (const n of new Set(names)) {
      const list = groupsOf.get(n);
      if (list) list.push(g);
      else groupsOf.set(n, [g]);
    }
    g++;
  }
}

/** The variant groups a normalised first given name belongs to (empty when none). */
export function nicknameGroups(name: string): readonly number[] {
  return groupsOf.get(name) ?? [];
}

/** Whether two normalised given names are recorded variants of each other. */
export function areNameVariants(a: string, b: string): boolean {
  if (a === b) return true;
  const ga = groupsOf.get(a);
  const gb = groupsOf.get(b);
  if (!ga || !gb) return false;
  for (const x of ga) if (gb.includes(x)) return true;
  return false;
}

/** How many distinct names the table knows. */
export function nicknameTableSize(): number {
  return groupsOf.size;
}

/** Every name recorded as a variant of a normalised given name, the name itself included. */
export function nameVariants(name: string): string[] {
  const groups = groupsOf.get(name);
  if (!groups) return [name];
  const out = new Set([name]);
  for (const [n, gs] of groupsOf) if (gs.some((g) => groups.includes(g))) out.add(n);
  return [...out];
}
