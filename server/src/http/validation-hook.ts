import type { Hook } from '@hono/zod-openapi';
import { apiError } from './errors.ts';

/** A request that fails its schema gets the names of the wrong fields, never their values. */
export const validationHook: Hook<unknown, any, any, any> = (result, c) => {
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(body)'))];
    return apiError(c, 400, 'bad_request', 'The request is not valid.', { fields });
  }
};
