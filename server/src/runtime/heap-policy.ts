// How mast's processes grow their JavaScript heaps. Called first by every entry point that may
// ingest a feed file (the server, which applies uploads; the operator's CLI; the ingest benchmark).
import { setFlagsFromString } from 'node:v8';

/**
 * After a full collection V8 lets a heap grow to about four times what survived before it
 * collects again; an upload keeps the person index alive and makes garbage fast, so the heap
 * swells far past what it holds. Growing by half of what survived keeps a big upload's peak well
 * under the 1 GB aim at no measurable cost. The flag is process-wide and read at each
 * collection, so setting it once at start covers the row-stage worker thread too.
 */
const HEAP_GROWING_PERCENT = 50;

export function applyHeapPolicy(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
