import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { DynamoSyncStore } from '../src/store/dynamo-store.ts';
import { ensureTables, tableNames } from '../src/store/tables.ts';

/** An in-memory dynalite on a free port, with a request counter on its client. */
export async function startDynalite() {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const raw = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const counter = { requests: 0 };
  raw.middlewareStack.add(
    (next) => async (args) => {
      counter.requests++;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const client = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true },
  });

  /** A store over fresh tables (unique prefix), so tests never see each other's data. */
  async function freshStore() {
    const tables = tableNames(`t${randomUUID().slice(0, 8)}`);
    await ensureTables(raw, tables);
    const store = new DynamoSyncStore(client, tables);
    return Object.assign(store, {
      tableNames: tables,
      async listReports() {
        const out = await client.send(new ScanCommand({ TableName: tables.reports }));
        return out.Items ?? [];
      },
    });
  }

  return {
    endpoint,
    raw,
    client,
    counter,
    freshStore,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
