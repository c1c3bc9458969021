// A social worker before a home visit has a name as it was said to her, one letter out of place,
// and a date of birth written with the day and month the other way round: she finds the person,
// sees why mast thinks it is them, and reads their page. Nothing she typed reaches the address bar.
import { expect, test, type APIRequestContext } from '@playwright/test';
import type { AddressSearchResponse, AddressSummary, FeedId, PersonSearchResponse } from '@mast/shared';
import { DEMO_USERS, agencies, agencyLine, signIn } from '../support/mast.ts';

const SWAPPED = 'date of birth matches with day and month swapped';

interface Someone {
  personId: string;
  givenName: string;
  familyName: string;
  /** The family name with its second and third letters swapped: "Johnson" typed "Jhonson". */
  misspelt: string;
  /** As recorded: YYYY-MM-DD. */
  dateOfBirth: string;
  addressLabel: string;
  involved: FeedId[];
}

const misspell = (name: string) => name[0]! + name[2]! + name[1]! + name.slice(3);

/**
 * Someone in the demo borough, on Mill Lane (a fixed street), whose date of birth is a real date
 * the other way round too (day 12 or under, not the month), and whom the search finds from the
 * misspelling and the swapped date: read through the API as the social worker, with a session of
 * its own. The generator is seeded, so this is the same person on every run.
 */
async function someoneToLookFor(request: APIRequestContext): Promise<Someone> {
  expect((await request.post('/api/auth/login', { data: DEMO_USERS.socialworker })).status()).toBe(200);
  try {
    const { results } = (await (await request.get('/api/addresses', { params: { q: 'mill lane', limit: '50' } })).json()) as AddressSearchResponse;
    for (const address of results) {
      const res = await request.get(`/api/addresses/${address.uprn}`, { params: { purpose: 'home-visit' } });
      if (res.status() !== 200) continue;
      const summary = (await res.json()) as AddressSummary;
      for (const person of summary.people) {
        const name = /^([A-Z][a-z]+) ([A-Z][a-z]{3,})$/.exec(person.name);
        const [, month, day] = person.dateOfBirth.split('-').map(Number) as [number, number, number];
        if (!name || day > 12 || day === month || person.agencies.length === 0) continue;
        const someone: Someone = {
          personId: person.personId,
          givenName: name[1]!,
          familyName: name[2]!,
          misspelt: misspell(name[2]!),
          dateOfBirth: person.dateOfBirth,
          addressLabel: summary.address.label,
          involved: person.agencies.map((a) => a.agency),
        };
        const [year] = person.dateOfBirth.split('-');
        const search = await request.post('/api/people/search', {
          data: { givenName: someone.givenName, familyName: someone.misspelt, dateOfBirth: `${year}-${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}`, purpose: 'home-visit' },
        });
        const top = ((await search.json()) as PersonSearchResponse).results[0];
        if (top?.personId === someone.personId && top.why.includes(SWAPPED)) return someone;
      }
    }
    throw new Error('no one on Mill Lane to look for with a swapped date of birth');
  } finally {
    await request.post('/api/auth/logout');
  }
}

test('social worker finds a person from a misspelt name and a date of birth with day and month swapped, and reads their page', async ({ page, request }) => {
  const someone = await someoneToLookFor(request);
  const [year, month, day] = someone.dateOfBirth.split('-').map(Number) as [number, number, number];

  await signIn(page, 'socialworker', '/login', false);
  await page.getByRole('link', { name: 'Find a person' }).click();
  await expect(page).toHaveURL(/\/people$/);
  // The purpose first, as for an address: remembered for the shift.
  await expect(page.getByRole('heading', { name: 'Why are you looking someone up?' })).toBeVisible();
  await page.getByRole('button', { name: 'Home visit' }).click();
  await page.getByRole('button', { name: 'Look up' }).click();

  await expect(page.getByRole('heading', { name: 'Find a person', level: 1 })).toBeVisible();
  await expect(page.getByTestId('purpose-line')).toContainText('Home visit');
  await page.getByLabel('Given name').fill(someone.givenName);
  await page.getByLabel('Family name').fill(someone.misspelt);
  // Typed the other way round: the month in the day box, the day in the month box.
  await page.getByLabel('Day').fill(String(month));
  await page.getByLabel('Month').fill(String(day));
  await page.getByLabel('Year').fill(String(year));
  await page.getByRole('button', { name: 'Search' }).click();

  const found = page.getByRole('list', { name: 'People found' }).locator(':scope > li');
  await expect(found.first()).toBeVisible();
  const match = found.first();
  await expect(match.getByRole('heading', { level: 3 })).toHaveText(`${someone.givenName} ${someone.familyName}`);
  await expect(match).toHaveAttribute('data-strength', /strong|likely/);
  await expect(match).toContainText(/(Strong|Likely) match/);
  const born = `${day} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1]} ${year}`;
  await expect(match).toContainText(`Born ${born}`);
  await expect(match.getByRole('list', { name: 'Why found' })).toContainText(SWAPPED);
  await expect(match.getByRole('list', { name: 'Known at' }).getByRole('link', { name: new RegExp(someone.addressLabel) })).toBeVisible();
  // What was typed went in the request's body: the address bar holds none of it.
  expect(page.url()).toMatch(/\/people$/);
  expect(page.url().toLowerCase()).not.toContain(someone.misspelt.toLowerCase());

  await match.getByRole('link', { name: `${someone.givenName} ${someone.familyName}` }).click();
  await expect(page).toHaveURL(new RegExp(`/person/${someone.personId}\\?purpose=home-visit$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${someone.givenName} ${someone.familyName}`);
  await expect(page.getByTestId('person-dob')).toContainText(`Born ${born}`);
  await expect(page).toHaveTitle('A person · mast');
  // Every agency, always, as on an address page: the ones that know them involved.
  await expect(agencies(page).locator(':scope > li')).toHaveCount(5);
  for (const agency of someone.involved) await expect(agencyLine(page, agency)).toHaveAttribute('data-involved', 'true');
  await expect(page.getByRole('list', { name: 'Places known at' }).getByRole('link', { name: someone.addressLabel })).toBeVisible();
  expect(page.url().toLowerCase()).not.toContain(someone.familyName.toLowerCase());

  // Back to the results as they were (kept in the page's memory): nothing to type again.
  await page.goBack();
  await expect(page).toHaveURL(/\/people$/);
  await expect(found.first().getByRole('list', { name: 'Why found' })).toContainText(SWAPPED);
  await expect(page.getByLabel('Family name')).toHaveValue(someone.misspelt);
});

test('a search that finds no one says what to try, never "not known", and a date of birth may be left blank', async ({ page }) => {
  await signIn(page, 'socialworker');
  await page.goto('/people');
  await page.getByLabel('Given name').fill('Zebedee');
  await page.getByLabel('Family name').fill('Quaxworthington');
  await page.getByRole('button', { name: 'Search' }).click();
  const none = page.getByTestId('no-one-found');
  await expect(page.getByRole('heading', { name: 'No one found' })).toBeVisible();
  await expect(none).toContainText('This does not mean no agency knows this person');
  await expect(none).toContainText('Check the spelling');
  await expect(none.getByRole('link', { name: 'Search by address' })).toBeVisible();
  await expect(none).not.toContainText(/not known/i);

  // Too little to search by is said beside the field, before anything is sent.
  await page.getByLabel('Given name').fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('Enter a given name or a date of birth as well.')).toBeVisible();
  await expect(page.getByLabel('Given name')).toBeFocused();
});
