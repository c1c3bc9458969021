// The sign-in page. A person who is already signed in goes straight on to where they were going.
import { redirect } from '@sveltejs/kit';
import { getSignedInStatus } from '$lib/api.ts';
import { safeNext } from '$lib/sign-in-redirect.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const next = safeNext(url.searchParams.get('next'));
  const signedIn = await getSignedInStatus(fetch).then(
    (s) => s.signedIn,
    () => false,
  );
  if (signedIn) redirect(303, next);
  return { next };
};
