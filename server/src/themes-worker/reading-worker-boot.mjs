// A worker does not inherit the parent's `--import tsx`: register tsx here, then load the worker
// written in TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./reading-worker.ts');
