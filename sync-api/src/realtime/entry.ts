import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet } from 'jose';
import { DynamoSyncStore } from '../store/dynamo-store.ts';
import type { TableNames } from '../store/tables.ts';
import {
  createWebSocketAuthorizer,
  UnauthorizedError,
  type WebSocketAuthorizerEvent,
} from './authorizer.ts';
import { DynamoConnectionStore } from './dynamo-connection-store.ts';
import { createFanOut, type FanOut } from './fan-out.ts';
import { ApiGatewayPoster } from './poster.ts';
import { createWebSocketRoutes, type WebSocketRouteEvent } from './routes.ts';

export interface RealtimeConfig {
  /** The connections table (tables.json `connections`). */
  connectionsTable: string;
  /** The management API: https://<id>.execute-api.<region>.amazonaws.com/<stage>. */
  managementEndpoint: string;
  region?: string;
}

export interface AuthorizerConfig {
  issuer: string;
  audience: string;
  /** Local stack: the provider's keys. Omitted in AWS: `<issuer>/.well-known/jwks.json`. */
  jwks?: JSONWebKeySet;
  /** Where refusals are reported (the reason, never the token). Default console.info. */
  onRefused?: (reason: string) => void;
}

/** The sync Lambda's optional live-delivery settings; absent = no pokes (e.g. no socket). */
export function realtimeConfigFromEnv(env: NodeJS.ProcessEnv): RealtimeConfig | undefined {
  const connectionsTable = env.CONNECTIONS_TABLE;
  const managementEndpoint = env.REALTIME_ENDPOINT;
  if (!connectionsTable || !managementEndpoint) return undefined;
  return { connectionsTable, managementEndpoint };
}

export function createRealtimeFanOut(
  config: RealtimeConfig,
  client: DynamoDBDocumentClient,
  tables: TableNames,
): FanOut {
  return createFanOut({
    connections: new DynamoConnectionStore(client, config.connectionsTable),
    poster: new ApiGatewayPoster(config.managementEndpoint, config.region),
    contacts: new DynamoSyncStore(client, tables),
  });
}

export function createRealtimeRoutes(
  config: RealtimeConfig,
  client: DynamoDBDocumentClient,
  tables: TableNames,
) {
  return createWebSocketRoutes({
    connections: new DynamoConnectionStore(client, config.connectionsTable),
    fanOut: createRealtimeFanOut(config, client, tables),
  });
}

/** The REQUEST authorizer as a Lambda: throws "Unauthorized" (401) for any bad token. */
export function createAuthorizerHandler(config: AuthorizerConfig) {
  const keys = config.jwks
    ? createLocalJWKSet(config.jwks)
    : createRemoteJWKSet(new URL(`${config.issuer}/.well-known/jwks.json`));
  const authorize = createWebSocketAuthorizer({
    issuer: config.issuer,
    audience: config.audience,
    keys,
  });
  const refused =
    config.onRefused ?? ((reason: string) => console.info('realtime: connect refused:', reason));
  return async (event: WebSocketAuthorizerEvent) => {
    try {
      return await authorize(event);
    } catch (error) {
      if (error instanceof UnauthorizedError) refused(error.reason);
      throw new Error('Unauthorized');
    }
  };
}

export type { WebSocketAuthorizerEvent, WebSocketRouteEvent };
