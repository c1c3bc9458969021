// Whether an error no load caught means the page's code or data could not arrive for want of a
// signal (the commonest on a phone: a tap as the signal drops, before that page was ever opened).

/** Chromium, Firefox and Safari's words for a module that could not be fetched. */
const MODULE_NOT_FETCHED = /dynamically imported module|Importing a module script failed|error loading dynamically imported module/i;

export function isNetworkFailure(error: unknown, online: boolean): boolean {
  return !online || (error instanceof TypeError && MODULE_NOT_FETCHED.test(error.message));
}
