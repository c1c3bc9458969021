export * from './organisations.ts';
export * from './addresses.ts';
export * from './people.ts';
export * from './involvements.ts';
export * from './feeds.ts';
export * from './users.ts';
export * from './rate-limits.ts';
export * from './place-names.ts';
