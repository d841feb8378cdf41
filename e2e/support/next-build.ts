/** "Deploying" a next build into a copy of web/dist, so a running app sees an update. */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A new index.html (with a build marker) and a new sw.js that precaches it and, asked with an
 * `E2E_BUILD` message, answers which build it is.
 */
export function deployNextBuild(dist: string, build: string): void {
  const indexPath = join(dist, 'index.html');
  const index = readFileSync(indexPath, 'utf8').replace(
    '<head>',
    `<head>\n    <meta name="e2e-build" content="${build}">`,
  );
  writeFileSync(indexPath, index);
  const revision = createHash('md5').update(index).digest('hex');
  const swPath = join(dist, 'sw.js');
  const entry = /\{"revision":"[0-9a-f]+","url":"index\.html"\}/g;
  const sw = readFileSync(swPath, 'utf8');
  if (sw.match(entry)?.length !== 1) throw new Error('sw.js must precache index.html once');
  writeFileSync(
    swPath,
    `${sw.replace(entry, `{"revision":"${revision}","url":"index.html"}`)}
self.addEventListener('message', (event) => {
  if (event.data?.type === 'E2E_BUILD') event.ports[0]?.postMessage(${JSON.stringify(build)});
});
`,
  );
}
