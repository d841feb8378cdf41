/**
 * The subscriptions table on dynalite: last-writer-wins subscribe/unsubscribe, and the
 * notifier's own DynamoDB actions, which must be exactly tables.json `notifierActions` (the
 * list terraform/push.tf grants the notifier role).
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSubscriptionsTable } from '../../local/push-stack.ts';
import { DynamoSubscriptionStore } from '../../src/push/dynamo-subscription-store.ts';
import { createNotifier } from '../../src/push/notifier.ts';
import { endpointHash } from '../../src/push/subscription-store.ts';
import tables from '../../tables.json' with { type: 'json' };
import { startDynalite } from '../dynalite.ts';

let db: Awaited<ReturnType<typeof startDynalite>>;
let recording: DynamoDBDocumentClient;
const used = new Set<string>();

beforeAll(async () => {
  db = await startDynalite();
  const raw = new DynamoDBClient({
    endpoint: db.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  raw.middlewareStack.add(
    (next, context) => async (args) => {
      used.add(context.commandName?.replace(/Command$/, '') ?? '?');
      return next(args);
    },
    { step: 'initialize', name: 'recordActions' },
  );
  recording = DynamoDBDocumentClient.from(raw);
});
afterAll(() => db.stop());

const row = (owner: string, endpoint: string) => ({
  owner,
  endpointHash: endpointHash(endpoint),
  endpoint,
  p256dh: `B${'A'.repeat(86)}`,
  auth: 'A'.repeat(22),
  createdAt: 1000,
  lastUsedAt: 1000,
});

async function table() {
  const name = `push${randomUUID().slice(0, 8)}-subscriptions`;
  await ensureSubscriptionsTable(db.client, name);
  return name;
}

describe('DynamoSubscriptionStore', () => {
  it('keeps the newest version: an older subscribe after an unsubscribe changes nothing', async () => {
    const store = new DynamoSubscriptionStore(db.client, await table());
    const a = row('kate@example.com', 'https://fcm.googleapis.com/a');
    expect(await store.subscribe(a, 'v2')).toBe(true);
    expect(await store.subscribe({ ...a, createdAt: 2000 }, 'v2')).toBe(false);
    expect(await store.list(a.owner)).toEqual([a]);
    expect(await store.unsubscribe(a.owner, a.endpoint, 'v3', 3000, 9)).toBe(true);
    expect(await store.subscribe(a, 'v2')).toBe(false);
    expect(await store.list(a.owner)).toEqual([]);
    expect(await store.subscribe({ ...a, createdAt: 4000, lastUsedAt: 4000 }, 'v4')).toBe(true);
    expect(await store.list(a.owner)).toEqual([{ ...a, lastUsedAt: 4000 }]);
  });

  it("uses exactly the notifier's actions listed in tables.json", async () => {
    const name = await table();
    const owner = 'lee@example.com';
    const setup = new DynamoSubscriptionStore(db.client, name);
    await setup.subscribe(row(owner, 'https://fcm.googleapis.com/ok'), 'v1');
    await setup.subscribe(row(owner, 'https://fcm.googleapis.com/gone'), 'v1');
    used.clear();
    const notifier = createNotifier({
      subscriptions: new DynamoSubscriptionStore(recording, name),
      contacts: { getContact: async () => undefined },
      send: async (s) => (s.endpoint.endsWith('gone') ? 410 : 201),
      settings: { ttlSeconds: 60, urgency: 'high' },
    });
    expect(await notifier.notify({ v: 1, sender: 'kim@example.com', recipients: [owner] })).toEqual(
      { sent: 1, gone: 1, failed: 0, blocked: 0 },
    );
    expect([...used].sort()).toEqual([...tables.subscriptions.notifierActions].sort());
    expect((await setup.list(owner)).map((s) => s.endpoint)).toEqual([
      'https://fcm.googleapis.com/ok',
    ]);
  });
});
