import type { JSONWebKeySet } from 'jose';
import { createDocumentClient } from '../src/handler.ts';
import {
  createAuthorizerHandler,
  createRealtimeRoutes,
  type RealtimeConfig,
} from '../src/realtime/entry.ts';
import type { TableNames } from '../src/store/tables.ts';
import definitions from '../tables.json' with { type: 'json' };
import { ensureKeyedTable } from './ensure-table.ts';
import { startWebSocketStandIn, type WebSocketStandIn } from './websocket.ts';

export interface LocalRealtimeOptions {
  dynamoEndpoint: string;
  tables: TableNames;
  /** `<prefix>-connections`, like every table of tables.json. */
  tablePrefix: string;
  authority: string;
  clientID: string;
  jwks: JSONWebKeySet;
  port?: number;
  quiet?: boolean;
}

export interface LocalRealtime {
  standIn: WebSocketStandIn;
  /** What the sync handler needs to poke. */
  config: RealtimeConfig;
  close(): Promise<void>;
}

/** Creates the connections table from its tables.json entry, if missing (dynalite has no TTL). */
export async function ensureConnectionsTable(
  client: ReturnType<typeof createDocumentClient>,
  name: string,
) {
  await ensureKeyedTable(client, name, definitions.connections);
}

/** The WebSocket stand-in, wired to the same authorizer and route handlers as AWS. */
export async function startLocalRealtime(options: LocalRealtimeOptions): Promise<LocalRealtime> {
  const client = createDocumentClient({ dynamoEndpoint: options.dynamoEndpoint, region: 'local' });
  const connectionsTable = `${options.tablePrefix}-connections`;
  await ensureConnectionsTable(client, connectionsTable);
  let routes: ReturnType<typeof createRealtimeRoutes> | undefined;
  let config: RealtimeConfig | undefined;
  const standIn = await startWebSocketStandIn({
    authorizer: createAuthorizerHandler({
      issuer: options.authority,
      audience: options.clientID,
      jwks: options.jwks,
      ...(options.quiet && { onRefused: () => {} }),
    }),
    routes: () => {
      routes ??= createRealtimeRoutes(config as RealtimeConfig, client, options.tables);
      return routes;
    },
    ...(options.port !== undefined && { port: options.port }),
    ...(options.quiet !== undefined && { quiet: options.quiet }),
  });
  config = { connectionsTable, managementEndpoint: standIn.managementEndpoint, region: 'local' };
  return {
    standIn,
    config,
    async close() {
      await standIn.close();
      client.destroy();
    },
  };
}
