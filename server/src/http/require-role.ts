// A guard for routes only some roles may use (after withAuth). Data stewards see records side
// by side; front-line users never need to.
import { createMiddleware } from 'hono/factory';
import type { Role } from '@mast/shared';
import type { AppEnv } from './with-auth.ts';
import { apiError } from './errors.ts';

export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!roles.includes(c.get('session').role as Role)) return apiError(c, 403, 'forbidden', 'Your role does not allow this.');
    await next();
  });
}
