// Worker threads do not inherit the main thread's tsx hooks: register them here, as bin.mjs does.
import { register } from 'tsx/esm/api';

register();
await import('./jsonlWorker.ts');
