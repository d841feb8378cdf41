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
import { DynamoSyncStore } from '../../src/store/dynamo-store.ts';
import { ensureTables, tableNames } from '../../src/store/tables.ts';
import tables from '../../tables.json' with { type: 'json' };
import { startDynalite } from '../dynalite.ts';
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
