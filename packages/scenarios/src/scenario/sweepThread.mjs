// The entry of a sweep's worker thread, in plain JavaScript so Node starts it without a loader; it loads the
// TypeScript worker through tsx's tsImport (Node 20 does not pass --import loaders on to worker threads).
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
