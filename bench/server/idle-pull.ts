/**
 * Idle pull against histories of 100 … 50,000 messages spread over 1, 10 and 200 contacts,
 * next to the original's poll shape on the same data. Histories are seeded straight into
 * dynalite (see seed.ts), cumulatively: each size adds to the previous one, so the table holds
 * every user's history at once. The cursor is the one a real pull returned before seeding;
 * all seeded rows are stamped a day before its horizon, as for a client that synced them.
 */

import { demoEmails } from '../../sync-api/local/users.ts';
import { createDocumentClient, createLambdaHandler } from '../../sync-api/src/handler.ts';
import { collectGarbage } from '../lib/gc.ts';
import type { BenchOptions } from '../lib/options.ts';
import { sampleRss } from '../lib/rss-sampler.ts';
import { percentile, type Summary, summarize } from '../lib/stats.ts';
import type { BenchStack } from './bench-stack.ts';
import { createOriginalPoll } from './original-poll.ts';
import { peerEmails, seedHistory } from './seed.ts';
import { createInProcessSyncClient, type SyncClient } from './sync-client.ts';

export type Variant = 'chatscape-http' | 'chatscape-handler' | 'original';
export const variants: Variant[] = ['chatscape-http', 'chatscape-handler', 'original'];

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
  /** p50 of each run, in run order: runs of all variants were interleaved. */
  p50Runs: number[];
  polls: number;
}

export interface IdleResult {
  points: IdlePoint[];
  seedMs: Record<number, number>;
  peakRssBytes: number;
  seededMessages: number;
}

/** Unmeasured polls per variant before each configuration (JIT, connections, caches). */
const warmUp = 2;

interface Sample {
  ms: number;
  requests: number;
  items: number;
}

/** Polls per run: fewer for the original where one poll re-reads tens of thousands of items. */
function pollsFor(variant: Variant, open: number, perRun: number) {
  if (variant !== 'original') return perRun;
  if (open >= 20_000) return Math.min(perRun, 2);
  if (open >= 5_000) return Math.min(perRun, 4);
  if (open >= 1_000) return Math.min(perRun, 10);
  return perRun;
}

function checkIdle(call: Awaited<ReturnType<SyncClient['sync']>>) {
  const { contacts, messages } = call.body.changes;
  if (contacts.length + messages.length > 0 || call.body.more) {
    throw new Error(
      `idle pull was not idle: ${contacts.length} contacts, ${messages.length} messages`,
    );
  }
}

export async function benchIdlePull(bench: BenchStack, options: BenchOptions): Promise<IdleResult> {
  const rss = sampleRss();
  const { stack, db, meter } = bench;
  const config = {
    tables: stack.tables,
    allowedOrigin: stack.appURL,
    overlapMs: 5000,
    rateLimitPerMinute: 1_000_000,
    dynamoEndpoint: stack.dynamoEndpoint,
    region: 'local',
  };
  const handler = createLambdaHandler(config);
  const originalPoll = createOriginalPoll(createDocumentClient(config), stack.tables);
  const { spreads, sizes, pollsPerRun } = options.idle;
  const users = await Promise.all(
    spreads.map(async (spread, k) => {
      const http = await bench.user(demoEmails[k] ?? `bench-idle-${spread}@example.com`, {
        create: k >= demoEmails.length,
      });
      const cursor = (await http.sync(null)).body.cursor;
      const peers = peerEmails(`idle${spread}`, spread);
      return { spread, http, inProcess: createInProcessSyncClient(handler, http), cursor, peers };
    }),
  );
  const t0 = Date.now() - 5000 - 86_400_000;
  const points: IdlePoint[] = [];
  const seedMs: Record<number, number> = {};
  let previous = 0;
  let seededMessages = 0;
  for (const size of sizes) {
    const seedStart = performance.now();
    for (const u of users) {
      seededMessages += await seedHistory(db, stack.tables, {
        owner: u.http.email,
        peers: u.peers,
        from: previous,
        to: size,
        t0,
        stepMs: 1,
      });
    }
    seedMs[size] = performance.now() - seedStart;
    if (previous === 0) await validateSeed(users, size);
    previous = size;
    collectGarbage();
    for (const u of users) {
      const open = Math.ceil(size / u.spread);
      const poll: Record<Variant, () => Promise<void>> = {
        'chatscape-http': async () => checkIdle(await u.http.sync(u.cursor)),
        'chatscape-handler': async () => checkIdle(await u.inProcess.sync(u.cursor)),
        original: async () => {
          const out = await originalPoll(u.http.email, u.peers[0] as string);
          if (out.messages !== 2 * open)
            throw new Error(`original read ${out.messages}, not ${2 * open}`);
        },
      };
      for (const v of variants) {
        for (let w = 0; w < (v === 'original' ? 1 : warmUp); w++) await poll[v]();
      }
      const samples = new Map<Variant, Sample[][]>(variants.map((v) => [v, []]));
      for (let r = 0; r < options.runs; r++) {
        const left = new Map(variants.map((v) => [v, pollsFor(v, open, pollsPerRun)]));
        const run = new Map<Variant, Sample[]>(variants.map((v) => [v, []]));
        for (let round = 0; [...left.values()].some((n) => n > 0); round++) {
          // Rotate who goes first so no variant always follows the same one.
          const order = variants.map((_, i) => variants[(i + round) % variants.length] as Variant);
          for (const v of order) {
            if ((left.get(v) ?? 0) <= 0) continue;
            left.set(v, (left.get(v) ?? 0) - 1);
            const start = performance.now();
            const { count } = await meter.measure(poll[v]);
            const ms = performance.now() - start;
            run.get(v)?.push({ ms, requests: count.requests, items: count.itemsRead });
          }
        }
        for (const v of variants) samples.get(v)?.push(run.get(v) ?? []);
      }
      for (const v of variants) {
        const runs = samples.get(v) ?? [];
        const all = runs.flat();
        const p50Runs = runs.map((run) =>
          percentile(
            run.map((s) => s.ms),
            50,
          ),
        );
        points.push({
          size,
          spread: u.spread,
          variant: v,
          openConversation: open,
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
          polls: all.length,
        });
      }
    }
  }
  return { points, seedMs, peakRssBytes: rss.stop(), seededMessages };
}

/** A pull from scratch must return every seeded message and contact: the rows are pullable. */
async function validateSeed(users: { spread: number; http: SyncClient }[], size: number) {
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
    if (messages !== size || contacts !== u.spread) {
      throw new Error(
        `seed not pullable: ${messages}/${size} messages, ${contacts}/${u.spread} contacts`,
      );
    }
  }
}
