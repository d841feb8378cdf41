/**
 * Idle pull against histories of 100 … 50,000 messages spread over 1, 10 and 200 contacts,
 * next to the original's poll shape on the same data. Every (history, contacts) pair is its
 * own user, all seeded up front straight into dynalite (see seed.ts), so all sizes are
 * measured on the same table, in the same process state, interleaved: the flatness ratio
 * (largest ÷ smallest history) is taken per run. Each user's cursor is the one a real pull
 * returned before seeding; every seeded row is stamped a day before its horizon, as for a
 * client that had already synced them.
 */
import { createDocumentClient, createLambdaHandler } from '../../sync-api/src/handler.ts';
import { collectGarbage } from '../lib/gc.ts';
import { log } from '../lib/log.ts';
import type { BenchOptions } from '../lib/options.ts';
import { sampleRss } from '../lib/rss-sampler.ts';
import { percentile, ratios, type Summary, summarize } from '../lib/stats.ts';
import { type BenchStack, benchHandlerConfig } from './bench-stack.ts';
import { createOriginalPoll } from './original-poll.ts';
import { peerEmails } from './seed.ts';
import { createInProcessSyncClient, type SyncClient } from './sync-client.ts';

export type Variant = 'chatscape-http' | 'chatscape-handler' | 'original';

export interface IdlePoint {
  size: number;
  spread: number;
  variant: Variant;
  /** Messages in the open conversation (what the original re-reads, twice). */
  openConversation: number;
  dynamoRequests: Summary;
  itemsRead: Summary;
  p50: Summary;
  p95: Summary;
  /** p50 of each run, in run order. */
  p50Runs: number[];
  /** For the original: the ChatScape handler's p50 of each run it was interleaved with. */
  pairedP50Runs?: number[];
  polls: number;
}

export interface IdleResult {
  points: IdlePoint[];
  /** Per spread: ChatScape p50 (HTTP) at the largest history ÷ at the smallest, per run. */
  flatness: { spread: number; ratio: Summary }[];
  seedMs: number;
  peakRssBytes: number;
  seededMessages: number;
}

interface Sample {
  ms: number;
  requests: number;
  items: number;
}

interface IdleUser {
  size: number;
  spread: number;
  open: number;
  http: SyncClient;
  inProcess: SyncClient;
  cursor: string;
  peers: string[];
}

/** Unmeasured polls per variant before measuring (JIT, connections). */
const warmUp = 2;

/** Original polls per run: fewer where one poll re-reads tens of thousands of items. */
function originalPolls(open: number, perRun: number) {
  if (open >= 20_000) return 1;
  if (open >= 5_000) return Math.min(perRun, 4);
  if (open >= 1_000) return Math.min(perRun, 10);
  return perRun;
}

function checkIdle(call: Awaited<ReturnType<SyncClient['sync']>>) {
  const { contacts, messages } = call.body.changes;
  if (contacts.length + messages.length > 0 || call.body.more) {
    throw new Error(`idle pull not idle: ${contacts.length} contacts, ${messages.length} messages`);
  }
}

function point(u: IdleUser, variant: Variant, runs: Sample[][], paired?: Sample[][]): IdlePoint {
  const all = runs.flat();
  const p50Runs = runs.map((run) =>
    percentile(
      run.map((s) => s.ms),
      50,
    ),
  );
  return {
    size: u.size,
    spread: u.spread,
    variant,
    openConversation: u.open,
    dynamoRequests: summarize(all.map((s) => s.requests)),
    itemsRead: summarize(all.map((s) => s.items)),
    p50: summarize(p50Runs),
    p95: summarize(
      runs.map((run) =>
        percentile(
          run.map((s) => s.ms),
          95,
        ),
      ),
    ),
    p50Runs,
    ...(paired && {
      pairedP50Runs: paired.map((run) =>
        percentile(
          run.map((s) => s.ms),
          50,
        ),
      ),
    }),
    polls: all.length,
  };
}

export async function benchIdlePull(bench: BenchStack, options: BenchOptions): Promise<IdleResult> {
  const rss = sampleRss();
  const { stack, meter } = bench;
  const config = benchHandlerConfig(stack);
  const handler = createLambdaHandler(config);
  const originalPoll = createOriginalPoll(createDocumentClient(config), stack.tables);
  const { spreads, sizes, pollsPerRun } = options.idle;
  const users: IdleUser[] = [];
  for (const size of sizes) {
    for (const spread of spreads) {
      const http = await bench.user(`bench-idle-${size}-${spread}@example.com`, { create: true });
      const cursor = (await http.sync(null)).body.cursor;
      const peers = peerEmails(`idle${size}x${spread}`, spread);
      const inProcess = createInProcessSyncClient(handler, http);
      users.push({ size, spread, open: Math.ceil(size / spread), http, inProcess, cursor, peers });
    }
  }
  const t0 = Date.now() - 5000 - 86_400_000;
  const seedStart = performance.now();
  let seededMessages = 0;
  for (const u of users) {
    const spec = { owner: u.http.email, peers: u.peers, from: 0, to: u.size, t0, stepMs: 1 };
    seededMessages += await bench.seed.history(spec);
  }
  const seedMs = performance.now() - seedStart;
  await validateSeed(users.filter((u) => u.size === sizes[0]));
  collectGarbage();
  log(`idle: seeded ${seededMessages} messages for ${users.length} users`);

  const timed = async (fn: () => Promise<void>): Promise<Sample> => {
    const start = performance.now();
    const { count } = await meter.measure(fn);
    return { ms: performance.now() - start, requests: count.requests, items: count.itemsRead };
  };
  const http = (u: IdleUser) => async () => checkIdle(await u.http.sync(u.cursor));
  const inProcess = (u: IdleUser) => async () => checkIdle(await u.inProcess.sync(u.cursor));
  const original = (u: IdleUser) => async () => {
    const out = await originalPoll(u.http.email, u.peers[0] as string);
    if (out.messages !== 2 * u.open) throw new Error(`original read ${out.messages}`);
  };

  // A: ChatScape at every size and spread, round-robin with a rotating start.
  const a = new Map(users.map((u) => [u, { http: [] as Sample[][], handler: [] as Sample[][] }]));
  for (const u of users) {
    for (let w = 0; w < warmUp; w++) {
      await http(u)();
      await inProcess(u)();
    }
  }
  for (let r = 0; r < options.runs; r++) {
    const run = new Map(users.map((u) => [u, { http: [] as Sample[], handler: [] as Sample[] }]));
    for (let round = 0; round < pollsPerRun; round++) {
      for (let i = 0; i < users.length; i++) {
        const u = users[(i + round) % users.length] as IdleUser;
        const samples = run.get(u);
        if (!samples) continue;
        if (round % 2 === 0) {
          samples.http.push(await timed(http(u)));
          samples.handler.push(await timed(inProcess(u)));
        } else {
          samples.handler.push(await timed(inProcess(u)));
          samples.http.push(await timed(http(u)));
        }
      }
    }
    for (const [u, samples] of run) {
      a.get(u)?.http.push(samples.http);
      a.get(u)?.handler.push(samples.handler);
    }
  }

  // B: the original's poll against the ChatScape handler, interleaved, one user at a time.
  log('idle: ChatScape at every size done; the original\u2019s poll next');
  collectGarbage();
  const points: IdlePoint[] = [];
  const paired = Math.min(pollsPerRun, 10);
  for (const u of users) {
    await original(u)();
    const old: Sample[][] = [];
    const ours: Sample[][] = [];
    for (let r = 0; r < options.runs; r++) {
      const left = { old: originalPolls(u.open, pollsPerRun), ours: paired };
      const run = { old: [] as Sample[], ours: [] as Sample[] };
      for (let round = 0; left.old + left.ours > 0; round++) {
        const first = round % 2 === 0 ? 'old' : 'ours';
        for (const who of first === 'old'
          ? (['old', 'ours'] as const)
          : (['ours', 'old'] as const)) {
          if (left[who] <= 0) continue;
          left[who]--;
          run[who].push(await timed(who === 'old' ? original(u) : inProcess(u)));
        }
      }
      old.push(run.old);
      ours.push(run.ours);
    }
    const measured = a.get(u);
    if (!measured) continue;
    points.push(
      point(u, 'chatscape-http', measured.http),
      point(u, 'chatscape-handler', measured.handler),
      point(u, 'original', old, ours),
    );
  }

  const flatness = spreads.map((spread) => {
    const at = (size: number | undefined) =>
      users.find((u) => u.size === size && u.spread === spread);
    const big = a.get(at(sizes.at(-1)) as IdleUser)?.http ?? [];
    const small = a.get(at(sizes[0]) as IdleUser)?.http ?? [];
    const p50s = (runs: Sample[][]) =>
      runs.map((run) =>
        percentile(
          run.map((s) => s.ms),
          50,
        ),
      );
    return { spread, ratio: ratios(p50s(big), p50s(small)) };
  });
  return { points, flatness, seedMs, peakRssBytes: rss.stop(), seededMessages };
}

/** A pull from scratch must return every seeded message and contact: the rows are pullable. */
async function validateSeed(users: IdleUser[]) {
  for (const u of users) {
    let cursor: string | null = null;
    let messages = 0;
    let contacts = 0;
    for (let page = 0; page < 1000; page++) {
      const call = await u.http.sync(cursor);
      messages += call.body.changes.messages.length;
      contacts += call.body.changes.contacts.length;
      cursor = call.body.cursor;
      if (!call.body.more) break;
    }
    if (messages !== u.size || contacts !== u.spread) {
      throw new Error(
        `seed not pullable: ${messages}/${u.size} messages, ${contacts}/${u.spread} contacts`,
      );
    }
  }
}
