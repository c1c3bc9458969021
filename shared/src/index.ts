export * from './agencies.ts';
export * from './code-lists.ts';
export * from './errors.ts';
export * from './api.ts';
export * from './gazetteer.ts';
export * from './feeds/contracts.ts';
export * as fields from './feeds/fields.ts';
export * from './review.ts';
export * from './address-review.ts';
