/** The OpenAPI `content` of a JSON body with this schema. */
export const json = <T>(schema: T) => ({ 'application/json': { schema } });
