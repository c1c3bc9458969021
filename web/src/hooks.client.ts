// An error nobody's load caught, in the browser. A page's code that failed to arrive is a "cannot
// reach mast", which the error page retries by itself when the signal returns, not a fault.
import type { HandleClientError } from '@sveltejs/kit';
import { NO_SIGNAL } from './lib/load-failure.ts';
import { isNetworkFailure } from './lib/network-failure.ts';

export const handleError: HandleClientError = ({ error }) => {
  if (isNetworkFailure(error, navigator.onLine)) return { message: NO_SIGNAL, network: true };
  return { message: 'mast could not show this page. Please try again.' };
};
