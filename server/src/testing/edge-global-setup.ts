import { buildWorker } from '../edge/build.js';
import { EDGE_TEST_WORKER } from './edge-app.js';

/** The edge test project: bundles the Worker once for the whole run. */
export default async function setup() {
  await buildWorker(EDGE_TEST_WORKER);
}
