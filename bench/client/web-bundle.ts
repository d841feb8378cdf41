/** Sizes of the production build: initial JS, the service worker, the precache. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { kib } from '../report/format.ts';
import type { Section } from '../report/types.ts';

const gzip = (data: Buffer) => gzipSync(data, { level: 9 }).length;
const brotli = (data: Buffer) => brotliCompressSync(data).length;

/**
 * Scripts index.html loads before anything runs: the start script (classic), the module
 * entry and modulepreloads. Prefetches (the chat app's chunks, fetched once idle) are not.
 */
function initialScripts(html: string): string[] {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*src="([^"]+)"/g)) urls.add(m[1] as string);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) {
    urls.add(m[1] as string);
  }
  return [...urls];
}

/** The precache manifest workbox injected into sw.js: `{"revision":…,"url":"…"}` entries. */
function precacheUrls(sw: string): string[] {
  const urls = new Set<string>();
  for (const m of sw.matchAll(/\{"revision":(?:null|"[^"]*"),"url":"([^"]+)"\}/g)) {
    urls.add(m[1] as string);
  }
  return [...urls];
}

export function benchWebBundle(dist: string): Section {
  const file = (url: string) => join(dist, url.replace(/^\//, ''));
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const scripts = initialScripts(html).map((url) => readFileSync(file(url)));
  const js = Buffer.concat(scripts);
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) =>
    readFileSync(file(m[1] as string)),
  );
  const sw = readFileSync(join(dist, 'sw.js'));
  const precache = precacheUrls(sw.toString('utf8'));
  const precacheBytes = precache.reduce((sum, url) => sum + statSync(file(url)).size, 0);
  const initialGzip = gzip(js);
  return {
    id: 'web-bundle',
    title: 'Web bundle (production build)',
    path: '`npm run build -w web` → web/dist; gzip level 9, brotli default; KB = 1,024 bytes',
    rows: [
      {
        what: `initial JS (${scripts.length} file${scripts.length === 1 ? '' : 's'} index.html loads)`,
        raw: kib(js.length),
        gzip: kib(initialGzip),
        brotli: kib(brotli(js)),
      },
      {
        what: 'initial CSS',
        raw: kib(css.reduce((s, b) => s + b.length, 0)),
        gzip: kib(gzip(Buffer.concat(css))),
        brotli: kib(brotli(Buffer.concat(css))),
      },
      {
        what: 'service worker (sw.js)',
        raw: kib(sw.length),
        gzip: kib(gzip(sw)),
        brotli: kib(brotli(sw)),
      },
      {
        what: `precache (${precache.length} entries)`,
        raw: kib(precacheBytes),
        gzip: '–',
        brotli: '–',
      },
    ],
    notes: [],
    targets: [
      {
        name: 'web: initial JS, gzip',
        goal: '<= 150 KB',
        measured: kib(initialGzip),
        met: initialGzip <= 150 * 1024,
      },
    ],
  };
}
