/**
 * Catch-up: a client that was offline while 10,000 messages arrived pulls until `more` is
 * false, through the API Gateway adapter. The messages are seeded straight into dynalite,
 * stamped after the horizon of the cursor a real pull returned just before; pulls only read,
 * so every run starts again from that same cursor.
 */

import { collectGarbage } from '../lib/gc.ts';
import type { BenchOptions } from '../lib/options.ts';
import { summarize } from '../lib/stats.ts';
import type { Section } from '../report/types.ts';
import type { BenchStack } from './bench-stack.ts';
import { peerEmails } from './seed.ts';

interface CatchUpRun {
  wallMs: number;
  pages: number;
  dynamoRequests: number;
  itemsRead: number;
  responseBytes: number;
}

export async function benchCatchUp(bench: BenchStack, options: BenchOptions): Promise<Section> {
  const total = options.catchUp.messages;
  const rows = [];
  for (const spread of options.catchUp.spreads) {
    const client = await bench.user(`bench-catchup-${spread}@example.com`, { create: true });
    const before = await client.sync(null);
    // The horizon is the server clock at that pull's start minus 5 s: stamp after it.
    const t0 = Date.now() - 5000 + 1;
    await bench.seed.history({
      owner: client.email,
      peers: peerEmails(`catchup${spread}`, spread),
      from: 0,
      to: total,
      t0,
      stepMs: 4000 / total,
    });
    collectGarbage();
    const runs: CatchUpRun[] = [];
    for (let r = 0; r < options.runs; r++) {
      let cursor: string | null = before.body.cursor;
      let pages = 0;
      let messages = 0;
      let responseBytes = 0;
      const start = performance.now();
      const { count } = await bench.meter.measure(async () => {
        for (let more = true; more && pages < 10_000; pages++) {
          const call = await client.sync(cursor);
          messages += call.body.changes.messages.length;
          responseBytes += JSON.stringify(call.body).length;
          cursor = call.body.cursor;
          more = call.body.more;
        }
      });
      const wallMs = performance.now() - start;
      if (messages !== total) throw new Error(`catch-up got ${messages} of ${total} messages`);
      runs.push({
        wallMs,
        pages,
        dynamoRequests: count.requests,
        itemsRead: count.itemsRead,
        responseBytes,
      });
    }
    const pick = (key: keyof CatchUpRun) => summarize(runs.map((r) => r[key]));
    rows.push({
      'new messages': total,
      contacts: spread,
      'wall ms': pick('wallMs'),
      pages: pick('pages'),
      'DynamoDB requests': pick('dynamoRequests'),
      'DynamoDB items read': pick('itemsRead'),
      'response KB': summarize(runs.map((r) => r.responseBytes / 1024)),
    });
  }
  return {
    id: 'catch-up',
    title: `Catch-up pull of ${total.toLocaleString('en-US')} new messages`,
    path: 'HTTP → API Gateway adapter (JWT) → Lambda handler → dynalite; messages seeded with BatchWriteItem',
    rows,
    notes: [
      'Pages hold at most 500 messages (or ~900 KB of text). Every page re-queries the contacts changed since the horizon (returned only on the first page), so items read ≈ messages + pages × contacts.',
    ],
    targets: [],
  };
}
