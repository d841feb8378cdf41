import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * A full collection between phases (e.g. after seeding 150,000 rows into dynalite), so one
 * phase's garbage is not collected during the next phase's timed requests.
 */
export function collectGarbage(): void {
  gc();
}
