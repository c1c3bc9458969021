// One person's page, asked for fresh on every visit, for the purpose carried in the link (from a
// search or an address page) or else the one stated for the shift; with neither, the page asks for
// it first. The id is all the URL holds of the person.
import { error } from '@sveltejs/kit';
import { getPerson, getPurposes } from '$lib/api.ts';
import { isForbidden, loadFailed, purposeRefusal } from '$lib/load-failure.ts';
import { purposeFromQuery } from '$lib/person-search.ts';
import { forgetPurpose, rememberedPurpose } from '$lib/purpose.ts';
import type { PageLoad } from './$types';

const NOT_YOUR_ROLE = 'Your role does not look people up under the sharing agreement.';

export const load: PageLoad = async ({ fetch, params, url, parent, depends }) => {
  depends('app:purpose');
  const { session } = await parent();
  try {
    const { purposes } = await getPurposes(session.user.username, fetch);
    if (purposes.length === 0) error(403, NOT_YOUR_ROLE);
    const choice = purposeFromQuery(url.searchParams, purposes) ?? rememberedPurpose(session.user.username, purposes);
    if (!choice) return { person: null, choice: null, purposes, problem: null };
    try {
      return { person: await getPerson(params.personId, choice, fetch), choice, purposes, problem: null };
    } catch (err) {
      // The server's word on the purpose wins: ask again, saying why.
      const problem = purposeRefusal(err);
      if (problem === null) throw err;
      forgetPurpose();
      return { person: null, choice: null, purposes, problem };
    }
  } catch (err) {
    if (isForbidden(err)) error(403, NOT_YOUR_ROLE);
    loadFailed(err, {
      here: url.pathname + url.search,
      what: 'this person',
      notFound: 'There is no such person, or nothing about them is shared with you under the sharing agreement.',
    });
  }
};
