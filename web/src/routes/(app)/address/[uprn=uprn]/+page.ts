// One address's summary, asked for fresh on every visit (data is never cached in this version),
// for the purpose the user stated for their shift. With none stated yet (or one no longer valid),
// the page asks for it first. An outdated answer is asked for again by the page itself when it
// comes back into view (see AddressResult.svelte), so that a failure then keeps the result on screen.
import { error } from '@sveltejs/kit';
import { getAddress, getPurposes } from '$lib/api.ts';
import { isForbidden, loadFailed, purposeRefusal } from '$lib/load-failure.ts';
import { forgetPurpose, rememberedPurpose } from '$lib/purpose.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url, parent, depends }) => {
  depends('app:purpose');
  const { session } = await parent();
  try {
    const { purposes } = await getPurposes(session.user.username, fetch);
    if (purposes.length === 0) error(403, 'Your role does not look up addresses under the sharing agreement.');
    const choice = rememberedPurpose(session.user.username, purposes);
    if (!choice) return { summary: null, choice: null, purposes, problem: null };
    try {
      return { summary: await getAddress(params.uprn, choice, fetch), choice, purposes, problem: null };
    } catch (err) {
      // The server's word on the purpose wins: ask again, saying why.
      const problem = purposeRefusal(err);
      if (problem === null) throw err;
      forgetPurpose();
      return { summary: null, choice: null, purposes, problem };
    }
  } catch (err) {
    if (isForbidden(err)) error(403, 'Your role does not look up addresses under the sharing agreement.');
    loadFailed(err, { here: url.pathname, what: 'this address', notFound: 'mast has no address with that reference.' });
  }
};
