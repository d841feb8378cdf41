import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import * as v from 'valibot';
import { processSync } from './core/process-sync.ts';
import { createSyncCore } from './core/sync-core.ts';
import { emailSchema, type MutationResult, type SyncRequest } from './protocol/index.ts';
// Live delivery (sync-api/src/realtime): optional pokes after a sync.
import { wiring } from './realtime/config.ts';
import {
  createRealtimeFanOut,
  type RealtimeConfig,
  realtimeConfigFromEnv,
} from './realtime/entry.ts';
import { pokeAfterSync } from './realtime/sync-pokes.ts';
import { DynamoSyncStore } from './store/dynamo-store.ts';
import type { TableNames } from './store/tables.ts';

export interface HandlerConfig {
  tables: TableNames;
  /** The app's origin, e.g. https://chat.example.com. CORS itself is API Gateway's job. */
  allowedOrigin: string;
  overlapMs: number;
  rateLimitPerMinute: number;
  /** Local stack only: dynalite's URL (dummy credentials are used with it). */
  dynamoEndpoint?: string;
  region?: string;
  /** Live delivery: where to poke connected devices after a write. Absent = no pokes. */
  realtime?: RealtimeConfig;
}

export type SyncLambdaHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
) => Promise<APIGatewayProxyStructuredResultV2>;

const positiveInt = (raw: string | undefined, fallback: number, name: string) => {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
  return n;
};

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
}

/** Parsed once per cold start; a misconfigured function fails loudly at init. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): HandlerConfig {
  return {
    tables: {
      contacts: required(env, 'CONTACTS_TABLE'),
      messages: required(env, 'MESSAGES_TABLE'),
      reports: required(env, 'REPORTS_TABLE'),
      receipts: required(env, 'RECEIPTS_TABLE'),
    },
    allowedOrigin: required(env, 'ALLOWED_ORIGIN'),
    overlapMs: positiveInt(env.OVERLAP_MS, 5000, 'OVERLAP_MS'),
    rateLimitPerMinute: positiveInt(env.RATE_LIMIT_PER_MINUTE, 600, 'RATE_LIMIT_PER_MINUTE'),
    ...(env.DYNAMODB_ENDPOINT && { dynamoEndpoint: env.DYNAMODB_ENDPOINT }),
    ...withRealtime(env),
  };
}

const withRealtime = (env: NodeJS.ProcessEnv) => {
  const realtime = realtimeConfigFromEnv(env);
  return realtime ? { realtime } : {};
};

export function createDocumentClient(config: Pick<HandlerConfig, 'dynamoEndpoint' | 'region'>) {
  const local = config.dynamoEndpoint
    ? {
        endpoint: config.dynamoEndpoint,
        region: config.region ?? 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }
    : config.region
      ? { region: config.region }
      : {};
  return DynamoDBDocumentClient.from(new DynamoDBClient(local), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

const unauthorized: APIGatewayProxyStructuredResultV2 = {
  statusCode: 401,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message: 'Unauthorized' }),
};

/**
 * The caller's namespace, only from claims the JWT authorizer verified. API Gateway's HTTP API
 * passes every claim as a string ("true"), so booleans are compared as strings too.
 */
export function namespaceFromClaims(claims: Record<string, unknown> | undefined): string | null {
  if (!claims) return null;
  if (String(claims.email_verified) !== 'true' || claims.token_use !== 'id') return null;
  const email = v.safeParse(emailSchema, claims.email);
  return email.success ? email.output : null;
}

export function createLambdaHandler(
  config: HandlerConfig,
  client: DynamoDBDocumentClient = createDocumentClient(config),
): SyncLambdaHandler {
  const fanOut = config.realtime && createRealtimeFanOut(config.realtime, client, config.tables);
  const core = createSyncCore({
    store: new DynamoSyncStore(client, config.tables),
    overlapMs: config.overlapMs,
    rateLimitPerMinute: config.rateLimitPerMinute,
    // Live delivery: pokes while the request pulls, within a small budget; never fails it.
    ...(fanOut && {
      notify: (me: string, request: SyncRequest, results: MutationResult[]) =>
        pokeAfterSync(fanOut, me, request, results, wiring.pokeBudgetMs),
    }),
  });
  return async (event) => {
    const me = namespaceFromClaims(event.requestContext?.authorizer?.jwt?.claims);
    if (!me) return unauthorized;
    const raw = event.isBase64Encoded
      ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
      : (event.body ?? '');
    const result = await processSync(core, me, raw);
    return {
      statusCode: result.statusCode,
      headers: result.headers,
      body: JSON.stringify(result.body),
    };
  };
}

let cached: SyncLambdaHandler | undefined;

/** The Lambda entry point (API Gateway HTTP API, payload 2.0, JWT authorizer). */
export const handler: SyncLambdaHandler = (event) => {
  cached ??= createLambdaHandler(configFromEnv());
  return cached(event);
};

/** The WebSocket API's Lambda entry points (same zip, handlers `index.authorizer` and `index.websocket`). */
export { authorizer, websocket } from './realtime/lambda.ts';
