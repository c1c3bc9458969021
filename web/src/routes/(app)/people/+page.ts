// Finding a person: only for roles the sharing agreement lets search people (practitioners by
// default), for the purpose stated for the shift (asked first when none is). What is typed stays
// in the page: the search is a POST, so nothing of it reaches the URL or the history.
import { error } from '@sveltejs/kit';
import { getPurposes } from '$lib/api.ts';
import { loadFailed } from '$lib/load-failure.ts';
import { rememberedPurpose } from '$lib/purpose.ts';
import type { PageLoad } from './$types';

const NOT_YOUR_ROLE = 'Your role does not search for people under the sharing agreement. Find them through their address.';

export const load: PageLoad = async ({ fetch, parent, url, depends }) => {
  depends('app:purpose');
  const { session } = await parent();
  try {
    const { purposes, findPeople } = await getPurposes(session.user.username, fetch);
    if (findPeople === 'none' || purposes.length === 0) error(403, NOT_YOUR_ROLE);
    return { purposes, findPeople, choice: rememberedPurpose(session.user.username, purposes) };
  } catch (err) {
    loadFailed(err, { here: url.pathname, what: 'the search for people' });
  }
};
