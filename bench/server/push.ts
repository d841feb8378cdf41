/**
 * Push: 1,000 messages as 10 requests of 100 vs 1,000 requests of 1 (the original's
 * one-request-per-message shape), through the API Gateway adapter, runs interleaved.
 */
import { randomUUID } from 'node:crypto';
import type { MutationInput } from '../../sync-api/src/protocol/index.ts';
import type { BenchOptions } from '../lib/options.ts';
import { percentile, ratios, summarize } from '../lib/stats.ts';
import { figure, num } from '../report/format.ts';
import type { Section } from '../report/types.ts';
import type { BenchStack } from './bench-stack.ts';
import { messageText } from './seed.ts';
import type { SyncClient } from './sync-client.ts';

interface PushRun {
  wallMs: number;
  httpRequests: number;
  dynamoRequests: number;
  itemsRead: number;
  p50: number;
  p95: number;
}

async function pushOnce(
  bench: BenchStack,
  client: SyncClient,
  state: { cursor: string | null },
  total: number,
  perRequest: number,
  to: string,
): Promise<PushRun> {
  const sends: MutationInput[] = Array.from({ length: total }, (_, i) => ({
    id: randomUUID(),
    type: 'message.send',
    to,
    body: messageText(i),
    sentAt: Date.now(),
  }));
  const latencies: number[] = [];
  const start = performance.now();
  const { count } = await bench.meter.measure(async () => {
    for (let i = 0; i < total; i += perRequest) {
      const call = await client.sync(state.cursor, sends.slice(i, i + perRequest));
      if (!call.body.results.every((r) => r.status === 'applied')) {
        throw new Error(`push: not applied: ${JSON.stringify(call.body.results[0])}`);
      }
      // A client chains the cursor, so each request also pulls what changed since the last.
      state.cursor = call.body.cursor;
      latencies.push(call.ms);
    }
  });
  return {
    wallMs: performance.now() - start,
    httpRequests: latencies.length,
    dynamoRequests: count.requests,
    itemsRead: count.itemsRead,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  };
}

function rowOf(label: string, runs: PushRun[]) {
  const pick = (key: keyof PushRun) => summarize(runs.map((r) => r[key]));
  return {
    shape: label,
    'wall ms': pick('wallMs'),
    'HTTP requests': pick('httpRequests'),
    'DynamoDB requests': pick('dynamoRequests'),
    'DynamoDB items read': pick('itemsRead'),
    'p50 ms/request': pick('p50'),
    'p95 ms/request': pick('p95'),
  };
}

export async function benchPush(bench: BenchStack, options: BenchOptions): Promise<Section> {
  const { messages, batch } = options.push;
  const batched = await bench.user('bench-push-batched@example.com', { create: true });
  const single = await bench.user('bench-push-single@example.com', { create: true });
  const to = 'bench-push-peer@example.com';
  const states = { batched: { cursor: null }, single: { cursor: null } } as Record<
    'batched' | 'single',
    { cursor: string | null }
  >;
  for (const [key, client] of [
    ['batched', batched],
    ['single', single],
  ] as const) {
    states[key].cursor = (await client.sync(null)).body.cursor;
  }
  const runs = { batched: [] as PushRun[], single: [] as PushRun[] };
  for (let r = 0; r < options.runs; r++) {
    const order = r % 2 === 0 ? (['batched', 'single'] as const) : (['single', 'batched'] as const);
    for (const key of order) {
      const client = key === 'batched' ? batched : single;
      const size = key === 'batched' ? batch : 1;
      runs[key].push(await pushOnce(bench, client, states[key], messages, size, to));
    }
  }
  const speedup = ratios(
    runs.single.map((r) => r.wallMs),
    runs.batched.map((r) => r.wallMs),
  );
  const batches = messages / batch;
  return {
    id: 'push',
    title: `Push: ${messages.toLocaleString('en-US')} messages`,
    path: 'HTTP → API Gateway adapter (JWT verified per request) → Lambda handler → dynalite; DynamoDB counted at dynalite',
    rows: [
      rowOf(`${batches} requests × ${batch}`, runs.batched),
      rowOf(`${messages.toLocaleString('en-US')} requests × 1 (original's shape)`, runs.single),
      { shape: 'speed-up (wall, per-run ratio single/batched)', 'wall ms': speedup },
    ],
    notes: [
      'Every request carries the cursor of the previous answer, as the client does, so each one also pulls: within the 5 s overlap window that re-reads the sender\u2019s own recent messages (see items read).',
    ],
    targets: [
      {
        name: 'push: batching faster than one request per message',
        goal: '>= 5x',
        measured: `${figure(speedup)}x`,
        met: speedup.median >= 5,
        note: pushMissNote(runs, messages, speedup.median),
      },
    ],
  };
}

/** Why batching buys so little here, from the measured runs. */
function pushMissNote(
  runs: Record<'batched' | 'single', PushRun[]>,
  messages: number,
  speedup: number,
): string {
  const med = (list: PushRun[], pick: (r: PushRun) => number) => summarize(list.map(pick)).median;
  const perMessage = med(runs.batched, (r) => r.wallMs) / messages;
  const perRequest = med(runs.single, (r) => r.wallMs) / messages;
  const ddbBatched = med(runs.batched, (r) => r.dynamoRequests) / messages;
  const ddbSingle = med(runs.single, (r) => r.dynamoRequests) / messages;
  const itemsSingle = med(runs.single, (r) => r.itemsRead) / messages;
  return [
    `${num(5 / speedup)}x short of the goal.`,
    `Batched, each message still costs ${num(perMessage)} ms and ${num(ddbBatched)} DynamoDB requests; one request per message costs ${num(perRequest)} ms, ${num(ddbSingle)} requests and ${num(itemsSingle)} items read.`,
    'Batching only removes the per-request share (HTTP, JWT verification, the rate-limit write, the pull that answers every request, which re-reads the last 5 s of the conversation).',
    'The per-message share dominates: the core applies a batch one mutation after another, and each message.send is 6 DynamoDB requests in 5 sequential round trips (conditional put, 2 contact reads, 2 contact bumps, complete).',
    `To close it (sync-api/src/core, not bench): apply a batch's sends per conversation together, keeping the crash-safe order pending → contact rows → done: the conditional puts in parallel, both contact rows read and bumped once per conversation per batch (with the batch's last stamp), then the completes in parallel: about 2 requests per message plus 4 per conversation, in about 4 round trips per batch instead of 5 per message. Over real DynamoDB (~5 ms per request, requests in parallel) that is far more than ${num(5 / speedup)}x; on dynalite, which is CPU-bound in this process, the gain comes from the ~3x fewer requests.`,
  ].join(' ');
}
