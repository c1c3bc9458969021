// How mast's processes grow their JavaScript heaps. Called first by every entry point that may
// ingest a feed file (the server, which applies uploads; the operator's CLI; the ingest benchmark).
import { setFlagsFromString } from 'node:v8';

/**
 * After each full collection V8 lets a heap grow to as much as about four times what survived
 * before it collects again. A big upload keeps ~150 MB alive in the ingest thread (the person
 * index) and makes garbage fast, so the heap swelled to ~550 MB between collections and a
 * million-row file peaked at 960-1,020 MB, over the 1 GB aim on a bad run. Letting a heap grow
 * by half of what survived instead took that file's peak to ~800 MB on PostgreSQL; the extra
 * collections cost no time that `pnpm bench:ingest` could tell from its run-to-run noise. The
 * flag is read at each collection, so setting it once the process runs is enough; it is
 * process-wide, so the row-stage worker thread follows it too.
 */
const HEAP_GROWING_PERCENT = 50;

export function applyHeapPolicy(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
