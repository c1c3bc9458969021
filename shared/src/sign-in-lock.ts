// How sign-in resists password guessing, said once for the server that enforces it and the app
// that explains it. No zod here: the web app imports this at run time.
//
// Nothing locks: after a few wrong attempts each further one waits, and the wait doubles. An
// attacker's guesses slow down; the officer on shift, from their own phone, is not shut out by
// someone else's guessing (the count that slows hardest is kept per account AND client).

/** Wrong attempts at one account from one client before sign-in starts to wait between tries. */
export const SIGN_IN_ATTEMPTS = 5;

/** The first wait, in seconds; each wrong attempt after it doubles the wait. */
export const SIGN_IN_FIRST_WAIT_SECONDS = 5;

/** The longest wait between two attempts, in minutes. */
export const SIGN_IN_LONGEST_WAIT_MINUTES = 15;
