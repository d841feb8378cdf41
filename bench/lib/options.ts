/** `npm run bench` (full, committed results) or `npm run bench -- --tiny` (a smoke run). */
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const benchDir = join(repoRoot, 'bench');

/** Goals of the client figures at one data size (issue 14's targets table), in ms / MB. */
export interface ClientGoals {
  sendMs: number;
  coldStartMs: number;
  applyMs: number;
  openMs: number;
  /** Page JS heap after a cold start; null: reported, no goal. */
  heapMB: number | null;
}

export interface ClientSize {
  /** Contacts, and the big conversation's messages (each other contact has one). */
  contacts: number;
  messages: number;
  goals: ClientGoals;
}

const clientSizes: ClientSize[] = [
  {
    contacts: 200,
    messages: 10_000,
    goals: { sendMs: 16, coldStartMs: 400, applyMs: 600, openMs: 100, heapMB: null },
  },
  {
    contacts: 1_000,
    messages: 100_000,
    goals: { sendMs: 16, coldStartMs: 600, applyMs: 6_000, openMs: 150, heapMB: 150 },
  },
];

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
  /** The client's data sets, each measured on its own; sends per conversation per run. */
  client: { sizes: ClientSize[]; sends: number };
  /** Lighthouse runs on the landing page (0: the transferred bytes only). */
  landingRuns: number;
  /** Syncs per case; the scaled-down session that shows the preflight cache expiring. */
  preflight: { syncs: number; expiry: { maxAgeSeconds: number; gapMs: number; syncs: number } };
  only: Set<string> | null;
}

/** `--client-sizes=10000,100000`: only the client sizes with these big-conversation sizes. */
function pickSizes(argv: string[], sizes: ClientSize[]): ClientSize[] {
  const arg = argv.find((a) => a.startsWith('--client-sizes='));
  if (!arg) return sizes;
  const wanted = arg.slice('--client-sizes='.length).split(',').map(Number);
  const picked = sizes.filter((s) => wanted.includes(s.messages));
  if (picked.length === 0)
    throw new Error(`${arg}: no such size (${sizes.map((s) => s.messages)})`);
  return picked;
}

/** `--runs=N` (a quicker look while working; the committed results use the default). */
function runsArg(argv: string[], fallback: number): number {
  const arg = argv.find((a) => a.startsWith('--runs='));
  const runs = arg ? Number(arg.slice('--runs='.length)) : fallback;
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`${arg}: runs must be a whole number >= 1`);
  return runs;
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
      client: {
        sizes: [{ contacts: 10, messages: 500, goals: clientSizes[0]?.goals as ClientGoals }],
        sends: 2,
      },
      landingRuns: 0,
      preflight: { syncs: 4, expiry: { maxAgeSeconds: 1, gapMs: 400, syncs: 4 } },
      only,
    };
  }
  return {
    tiny,
    outDir: benchDir,
    runs: runsArg(argv, 5),
    push: { messages: 1_000, batch: 100 },
    idle: { sizes: [100, 1_000, 10_000, 50_000], spreads: [1, 10, 200], pollsPerRun: 20 },
    catchUp: { messages: 10_000, spreads: [10, 200] },
    importRuns: 8,
    reuseBuilds: argv.includes('--reuse-builds'),
    client: { sizes: pickSizes(argv, clientSizes), sends: 6 },
    landingRuns: 3,
    preflight: { syncs: 40, expiry: { maxAgeSeconds: 2, gapMs: 500, syncs: 17 } },
    only,
  };
}

export const wants = (options: BenchOptions, section: string) =>
  options.only === null || options.only.has(section);
