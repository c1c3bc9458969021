// Entry of the row-stage worker thread. A worker thread does not always inherit the TypeScript
// loader of its parent (under the test runner it has none), so it registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./row-stage-thread.ts');
