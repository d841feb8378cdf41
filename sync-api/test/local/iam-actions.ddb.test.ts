/**
 * The IAM contract cannot drift from the code: the whole behaviour suite runs on dynalite
 * through a DynamoSyncStore whose client records every command it sends, and afterwards each
 * (table, action) must be in that table's "actions" in tables.json, the list Terraform grants
 * (one IAM statement per table). A new call in the store fails here before it fails in AWS
 * with AccessDenied; a listed action the code no longer uses fails too (least privilege).
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSubscriptionsTable } from '../../local/push-stack.ts';
import { ensureConnectionsTable } from '../../local/websocket-stack.ts';
import { applyPushMutation } from '../../src/push/apply.ts';
import { DynamoSubscriptionStore } from '../../src/push/dynamo-subscription-store.ts';
import { createEndpointPolicy } from '../../src/push/endpoint-policy.ts';
import { DynamoConnectionStore } from '../../src/realtime/dynamo-connection-store.ts';
import { DynamoSyncStore } from '../../src/store/dynamo-store.ts';
import { DynamoIdentityStore } from '../../src/store/identity-store.ts';
import { ensureTables, tableNames } from '../../src/store/tables.ts';
import tables from '../../tables.json' with { type: 'json' };
import { startDynalite } from '../dynalite.ts';
import { v7 } from '../harness.ts';
import { describeSyncBehaviours } from '../sync-behaviours.ts';

type TableSpec = { actions: string[]; globalSecondaryIndexes: unknown[] };
const specs = Object.fromEntries(
  Object.entries(tables).filter(([key]) => key !== '$comment'),
) as Record<string, TableSpec>;

/** table key → action → used on an index too */
const used = new Map<string, Map<string, { index: boolean }>>();
const unknownTables = new Set<string>();

let db: Awaited<ReturnType<typeof startDynalite>>;
let recording: DynamoDBDocumentClient;
const keyByName = new Map<string, string>();

beforeAll(async () => {
  db = await startDynalite();
  const raw = new DynamoDBClient({
    endpoint: db.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  raw.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string; IndexName?: string };
      const action = context.commandName?.replace(/Command$/, '') ?? '?';
      const key = input.TableName ? keyByName.get(input.TableName) : undefined;
      if (!key) unknownTables.add(`${action} ${input.TableName}`);
      else {
        const actions = used.get(key) ?? new Map();
        const seen = actions.get(action) ?? { index: false };
        actions.set(action, { index: seen.index || Boolean(input.IndexName) });
        used.set(key, actions);
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordTableActions' },
  );
  recording = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true },
  });
});
afterAll(() => db.stop());

async function recordedStore() {
  const names = tableNames(`iam${randomUUID().slice(0, 8)}`);
  for (const [key, name] of Object.entries(names)) keyByName.set(name, key);
  await ensureTables(db.raw, names);
  const store = new DynamoSyncStore(recording, names);
  // Reading reports back is the operator's job (a separate role), not the Lambda's: the
  // behaviour suite's check goes through an unrecorded client.
  return Object.assign(store, {
    listReports: async () =>
      (await db.client.send(new ScanCommand({ TableName: names.reports }))).Items ?? [],
  });
}

describeSyncBehaviours('DynamoDB (dynalite), every command recorded', recordedStore);

// The sync Lambda's other tables: the identity binding (handler.ts) and live delivery's
// connections (the fan-out lists a user's sockets and forgets gone ones; rows are written by
// the websocket Lambda, whose own role is in terraform/websocket.tf).
describe('identities and connections, as the sync Lambda uses them', () => {
  it('binds an email once and reads the binding back', async () => {
    const names = tableNames(`iam${randomUUID().slice(0, 8)}`);
    for (const [key, name] of Object.entries(names)) keyByName.set(name, key);
    await ensureTables(db.raw, names);
    const identities = new DynamoIdentityStore(recording, names.identities);
    expect(await identities.bind('kate@example.com', 'sub-1', 1)).toBe('sub-1');
    expect(await identities.bind('kate@example.com', 'sub-2', 2)).toBe('sub-1');
  });

  it("lists a user's connections and removes a gone one", async () => {
    const table = `iam${randomUUID().slice(0, 8)}-connections`;
    keyByName.set(table, 'connections');
    await ensureConnectionsTable(db.client, table);
    const connection = {
      owner: 'kate@example.com',
      connectionId: 'abc=',
      clientId: '',
      connectedAt: 1,
      expiresAt: 4_000_000_000,
    };
    await new DynamoConnectionStore(db.client, table).put(connection); // unrecorded
    const connections = new DynamoConnectionStore(recording, table);
    expect(await connections.list(connection.owner, 1)).toHaveLength(1);
    await connections.remove(connection.owner, connection.connectionId);
    expect(await connections.list(connection.owner, 1)).toHaveLength(0);
  });
});

// Web Push: the sync Lambda applies push.subscribe / push.unsubscribe (the notifier Lambda's
// own actions, tables.json notifierActions, are checked in test/push/subscriptions.ddb.test.ts).
describe('subscriptions, as the sync Lambda uses them', () => {
  it('subscribes, replays and unsubscribes a device', async () => {
    const table = `iam${randomUUID().slice(0, 8)}-subscriptions`;
    keyByName.set(table, 'subscriptions');
    await ensureSubscriptionsTable(db.client, table);
    const push = {
      subscriptions: new DynamoSubscriptionStore(recording, table),
      endpoints: createEndpointPolicy(),
    };
    const endpoint = 'https://fcm.googleapis.com/fcm/send/abc';
    const keys = { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) };
    const now = Date.now();
    const id = v7(now - 10);
    const subscribe = { id, type: 'push.subscribe' as const, endpoint, keys };
    const apply = (m: Parameters<typeof applyPushMutation>[3]) =>
      applyPushMutation(push, now, 'kate@example.com', m);
    expect((await apply(subscribe)).status).toBe('applied');
    expect((await apply(subscribe)).status).toBe('duplicate');
    const unsubscribe = { id: v7(now - 5), type: 'push.unsubscribe' as const, endpoint };
    expect((await apply(unsubscribe)).status).toBe('applied');
    expect((await apply(subscribe)).status).toBe('duplicate');
  });
});

describe('the DynamoDB actions the code uses', () => {
  it('are all listed in tables.json for their table, and nothing listed goes unused', () => {
    expect([...unknownTables]).toEqual([]);
    const actual = Object.fromEntries(
      [...used].map(([key, actions]) => [key, [...actions.keys()].sort()]),
    );
    const granted = Object.fromEntries(
      Object.entries(specs).map(([key, spec]) => [key, [...spec.actions].sort()]),
    );
    expect(actual).toEqual(granted);
  });

  it('use indexes only on tables that have them', () => {
    for (const [key, actions] of used) {
      const onIndex = [...actions.values()].some((a) => a.index);
      if (onIndex) expect(specs[key]?.globalSecondaryIndexes.length, key).toBeGreaterThan(0);
    }
  });
});
