/** `npm run bench` (full, committed results) or `npm run bench -- --tiny` (a smoke run). */
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const benchDir = join(repoRoot, 'bench');

export interface BenchOptions {
  tiny: boolean;
  /** Where results.json, results.md and idle-pull.svg go. */
  outDir: string;
  /** Runs per figure (each figure is the median of these, with min and max). */
  runs: number;
  push: { messages: number; batch: number };
  idle: { sizes: number[]; spreads: number[]; pollsPerRun: number };
  catchUp: { messages: number; spreads: number[] };
  importRuns: number;
  /** Skip building sync-api/web when their dist exists (tiny runs right after npm test built). */
  reuseBuilds: boolean;
  /** Contacts and big-conversation size of the client's data set; sends per conversation per run. */
  client: { contacts: number; messages: number; sends: number };
  /** Lighthouse runs on the landing page (0: the transferred bytes only). */
  landingRuns: number;
  /** Syncs per case; the scaled-down session that shows the preflight cache expiring. */
  preflight: { syncs: number; expiry: { maxAgeSeconds: number; gapMs: number; syncs: number } };
  only: Set<string> | null;
}

export function parseOptions(argv: string[]): BenchOptions {
  const tiny = argv.includes('--tiny');
  const onlyArg = argv.find((a) => a.startsWith('--only='));
  const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
  if (tiny) {
    return {
      tiny,
      outDir: join(benchDir, 'tmp'),
      runs: 1,
      push: { messages: 20, batch: 10 },
      idle: { sizes: [100, 1_000], spreads: [1, 10], pollsPerRun: 3 },
      catchUp: { messages: 600, spreads: [10] },
      importRuns: 1,
      reuseBuilds: true,
      client: { contacts: 10, messages: 500, sends: 2 },
      landingRuns: 0,
      preflight: { syncs: 4, expiry: { maxAgeSeconds: 1, gapMs: 400, syncs: 4 } },
      only,
    };
  }
  return {
    tiny,
    outDir: benchDir,
    runs: 5,
    push: { messages: 1_000, batch: 100 },
    idle: { sizes: [100, 1_000, 10_000, 50_000], spreads: [1, 10, 200], pollsPerRun: 20 },
    catchUp: { messages: 10_000, spreads: [10, 200] },
    importRuns: 8,
    reuseBuilds: argv.includes('--reuse-builds'),
    client: { contacts: 200, messages: 10_000, sends: 6 },
    landingRuns: 3,
    preflight: { syncs: 40, expiry: { maxAgeSeconds: 2, gapMs: 500, syncs: 17 } },
    only,
  };
}

export const wants = (options: BenchOptions, section: string) =>
  options.only === null || options.only.has(section);
