// How sign-in resists password guessing, said once for the server that enforces it and the app
// that explains it. No zod here: the web app imports this at run time.

/** Wrong attempts at one username allowed in a window; the next sign-in in it is refused. */
export const SIGN_IN_ATTEMPTS = 10;

/** The window, fixed on the clock (:00, :15, :30, :45): a lock lasts until its window ends. */
export const SIGN_IN_WINDOW_MINUTES = 15;
