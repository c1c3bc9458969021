// Loaded into a server process only by a benchmark that asks for it (spawnServer's heapProbe,
// with --expose-gc), never by main.ts: on a message from the benchmark over the IPC channel it
// collects garbage fully and answers with the process's memory then. What survives a full
// collection is what the server holds; the heap between collections is garbage not yet swept.
import { memoryUsage } from 'node:process';
import { getHeapSpaceStatistics } from 'node:v8';

const SETTLE_MS = 3000;
const collect = (globalThis as { gc?: () => void }).gc;
if (process.send && collect) {
  process.on('message', (m) => {
    if (m !== 'heap-after-gc') return;
    const t0 = performance.now();
    collect();
    const u = memoryUsage();
    const code = getHeapSpaceStatistics()
      .filter((sp) => sp.space_name.startsWith('code_'))
      .reduce((n, sp) => n + sp.space_used_size, 0);
    const gcMs = performance.now() - t0;
    // V8 hands the freed pages back to the system on its own threads after the collection: the
    // resident memory is read once that is done.
    setTimeout(() => process.send!({ heapUsed: u.heapUsed, external: u.external, arrayBuffers: u.arrayBuffers, code, rss: memoryUsage.rss(), gcMs }), SETTLE_MS);
  });
  // The channel alone must not keep a server alive that was asked to stop.
  process.channel?.unref();
}
