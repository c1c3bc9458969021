// The API's error codes. No zod here: the web app imports this at run time and ships no
// validation library.

export const ERROR_CODES = [
  'bad_request',
  /** A lookup that states no purpose, or one the viewer's role may not give, or without the reference it needs. */
  'purpose-required',
  'unauthorized',
  'forbidden',
  /** A state-changing request sent from another site's page (CSRF). */
  'cross_site',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'unprocessable',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The error code an HTTP status stands for, when a body does not say (both sides use this). */
export const ERROR_CODE_BY_STATUS: Readonly<Partial<Record<number, ErrorCode>>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
  503: 'unavailable',
};
