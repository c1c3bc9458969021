export * from './report-role.ts';
export * from './demand-counts.ts';
export * from './partner-counts.ts';
export * from './alert-counts.ts';
export * from './use-counts.ts';
export * from './impact-counts.ts';
export * from './refresh.ts';
