import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { ensureTables, type TableNames } from '../src/store/tables.ts';
import { guardExistingServer } from './host-guard.ts';
import { closeServer, listen } from './http.ts';

export interface LocalDynamo {
  endpoint: string;
  close(): Promise<void>;
}

/** Dummy credentials: dynalite ignores them, the AWS SDK insists on some. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * dynalite on 127.0.0.1 (LevelDB under `path`, or in memory), with every table of tables.json
 * created if missing. No transactions, TTL or Streams: the handler must not need them locally.
 */
export async function startDynamo(options: {
  path: string | null;
  port: number;
  tables: TableNames;
}): Promise<LocalDynamo> {
  const server = dynalite({
    ...(options.path ? { path: options.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  // Only requests addressed to 127.0.0.1:<port>: a DNS-rebinding page cannot read the tables.
  guardExistingServer(server);
  const port = await listen(server, options.port);
  const endpoint = `http://127.0.0.1:${port}`;
  const close = () => closeServer(server);
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: localCredentials });
  try {
    await ensureTables(client, options.tables);
  } catch (error) {
    await close();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, close };
}
