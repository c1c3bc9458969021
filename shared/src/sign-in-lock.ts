// How sign-in resists password guessing, said once for the server that enforces it and the app
// that explains it. No zod here: the web app imports this at run time.

/** Wrong attempts at one username allowed within the window; the last of them locks sign-in. */
export const SIGN_IN_ATTEMPTS = 10;

/** Wrong attempts count for this long from the first; a lock lasts this long from the attempt that set it. */
export const SIGN_IN_WINDOW_MINUTES = 15;
