/**
 * Seeding in a worker thread: the AWS SDK's marshalling and HTTP work runs on the second core
 * while dynalite (in the main thread, with the whole stack) stores the rows.
 */
import { parentPort } from 'node:worker_threads';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localCredentials } from '../../sync-api/local/dynamo.ts';
import type { TableNames } from '../../sync-api/src/store/tables.ts';
import { type HistorySpec, seedHistory } from './seed.ts';

export interface SeedRequest {
  id: number;
  endpoint: string;
  tables: TableNames;
  spec: HistorySpec;
}

export type SeedAnswer = { id: number; count: number } | { id: number; error: string };

const clients = new Map<string, DynamoDBDocumentClient>();

function client(endpoint: string) {
  let db = clients.get(endpoint);
  if (!db) {
    const raw = new DynamoDBClient({ endpoint, region: 'local', credentials: localCredentials });
    db = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
    clients.set(endpoint, db);
  }
  return db;
}

parentPort?.on('message', (request: SeedRequest) => {
  seedHistory(client(request.endpoint), request.tables, request.spec).then(
    (count) => parentPort?.postMessage({ id: request.id, count } satisfies SeedAnswer),
    (error: unknown) =>
      parentPort?.postMessage({ id: request.id, error: String(error) } satisfies SeedAnswer),
  );
});
