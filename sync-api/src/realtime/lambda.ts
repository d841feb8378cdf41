/**
 * Lambda entry points of the WebSocket API, bundled into the sync Lambda's zip (handler.ts
 * re-exports them): `authorizer` ($connect REQUEST authorizer) and `websocket` (the routes).
 * Configuration is parsed once per cold start; a misconfigured function fails loudly.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableNames } from '../store/tables.ts';
import type { AuthorizerResult, WebSocketAuthorizerEvent } from './authorizer.ts';
import { createAuthorizerHandler, createRealtimeRoutes, realtimeConfigFromEnv } from './entry.ts';
import type { WebSocketRouteEvent, WebSocketRouteResult } from './routes.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
}

let authorize: ((event: WebSocketAuthorizerEvent) => Promise<AuthorizerResult>) | undefined;
let routes: ((event: WebSocketRouteEvent) => Promise<WebSocketRouteResult>) | undefined;

export const authorizer = async (event: WebSocketAuthorizerEvent) => {
  authorize ??= createAuthorizerHandler({
    issuer: required('ID_TOKEN_ISSUER'),
    audience: required('ID_TOKEN_AUDIENCE'),
  });
  return authorize(event);
};

export const websocket = async (event: WebSocketRouteEvent) => {
  if (!routes) {
    const config = realtimeConfigFromEnv(process.env);
    if (!config)
      throw new Error('missing environment variable CONNECTIONS_TABLE or REALTIME_ENDPOINT');
    const tables: TableNames = {
      contacts: required('CONTACTS_TABLE'),
      messages: required('MESSAGES_TABLE'),
      reports: required('REPORTS_TABLE'),
      receipts: required('RECEIPTS_TABLE'),
      identities: required('IDENTITIES_TABLE'),
    };
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    routes = createRealtimeRoutes(config, client, tables);
  }
  return routes(event);
};
