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
// Web Push (sync-api/src/push): subscriptions, and a hand-off to the notifier after a send.
import { dispatchAfterSync, type NotifyDispatcher } from './push/dispatch.ts';
import {
  createPushContext,
  createPushDispatcher,
  type PushConfig,
  pushConfigFromEnv,
} from './push/entry.ts';
// Live delivery (sync-api/src/realtime): optional pokes after a sync.
import { wiring } from './realtime/config.ts';
import {
  createRealtimeFanOut,
  type RealtimeConfig,
  realtimeConfigFromEnv,
} from './realtime/entry.ts';
import { pokeAfterSync } from './realtime/sync-pokes.ts';
import { DynamoSyncStore } from './store/dynamo-store.ts';
import { DynamoIdentityStore, type IdentityStore } from './store/identity-store.ts';
import type { TableNames } from './store/tables.ts';

export interface HandlerConfig {
  tables: TableNames;
  /** The app's origin, e.g. https://chat.example.com. CORS itself is API Gateway's job. */
  allowedOrigin: string;
  overlapMs: number;
  rateLimitPerMinute: number;
  /** Default 60 (CONTACT_WRITES_PER_MINUTE). */
  contactWritesPerMinute?: number;
  /** Default 2000 (MAX_CONTACTS). */
  maxContacts?: number;
  /** REPORTS_RETENTION_DAYS: how long the reports table keeps a report (its TTL). */
  reportRetentionDays?: number;
  /** Local stack only: dynalite's URL (dummy credentials are used with it). */
  dynamoEndpoint?: string;
  region?: string;
  /** Live delivery: where to poke connected devices after a write. Absent = no pokes. */
  realtime?: RealtimeConfig;
  /** Web Push: the subscriptions table and the notifier. Absent = push.* refused, no pushes. */
  push?: PushConfig;
  /** Local stack: runs the notifier in-process instead of an asynchronous Lambda invoke. */
  notifyDispatcher?: NotifyDispatcher;
}

export type SyncLambdaHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** An integer setting >= min; a typo (or 0 for a rate limit, which would refuse every write) fails at init. */
const intSetting = (raw: string | undefined, fallback: number, name: string, min: number) => {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new Error(`${name} must be an integer >= ${min} (got "${raw}")`);
  }
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
      identities: required(env, 'IDENTITIES_TABLE'),
    },
    allowedOrigin: required(env, 'ALLOWED_ORIGIN'),
    overlapMs: intSetting(env.OVERLAP_MS, 5000, 'OVERLAP_MS', 0),
    rateLimitPerMinute: intSetting(env.RATE_LIMIT_PER_MINUTE, 600, 'RATE_LIMIT_PER_MINUTE', 1),
    contactWritesPerMinute: intSetting(
      env.CONTACT_WRITES_PER_MINUTE,
      60,
      'CONTACT_WRITES_PER_MINUTE',
      1,
    ),
    maxContacts: intSetting(env.MAX_CONTACTS, 2000, 'MAX_CONTACTS', 1),
    reportRetentionDays: intSetting(env.REPORTS_RETENTION_DAYS, 365, 'REPORTS_RETENTION_DAYS', 1),
    ...(env.DYNAMODB_ENDPOINT && { dynamoEndpoint: env.DYNAMODB_ENDPOINT }),
    ...withRealtime(env),
    ...withPush(env),
  };
}

const withPush = (env: NodeJS.ProcessEnv) => {
  const push = pushConfigFromEnv(env);
  return push ? { push } : {};
};

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

const boundElsewhere: APIGatewayProxyStructuredResultV2 = {
  statusCode: 403,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify({
    message:
      'This email address belongs to another account. An operator must release it before this account can use it.',
  }),
};

/** The verified account id, or null. */
export function subFromClaims(claims: Record<string, unknown> | undefined): string | null {
  const sub = claims?.sub;
  return typeof sub === 'string' && sub.length > 0 && sub.length <= 256 ? sub : null;
}

/** How long a warm instance trusts a binding it has checked (an operator's release waits it out). */
const BINDING_CACHE_MS = 5 * 60_000;

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
  identities: IdentityStore = new DynamoIdentityStore(client, config.tables.identities),
): SyncLambdaHandler {
  const checked = new Map<string, { sub: string; until: number }>();
  /** Whether `sub` owns `email`: binds it on first sight, refuses any other sub after. */
  async function owns(email: string, sub: string): Promise<boolean> {
    const now = Date.now();
    const known = checked.get(email);
    if (known && known.sub === sub && known.until > now) return true;
    const bound = await identities.bind(email, sub, now);
    if (bound !== sub) return false;
    checked.set(email, { sub, until: now + BINDING_CACHE_MS });
    return true;
  }
  const fanOut = config.realtime && createRealtimeFanOut(config.realtime, client, config.tables);
  const dispatcher = config.notifyDispatcher ?? (config.push && createPushDispatcher(config.push));
  const notifiers: ((me: string, r: SyncRequest, res: MutationResult[]) => Promise<void>)[] = [];
  // Live delivery: pokes while the request pulls, within a small budget; never fails it.
  if (fanOut)
    notifiers.push((me, r, res) => pokeAfterSync(fanOut, me, r, res, wiring.pokeBudgetMs));
  // Web Push: an asynchronous hand-off (no push service is waited on); never fails it.
  if (dispatcher) notifiers.push((me, r, res) => dispatchAfterSync(dispatcher, me, r, res));
  const core = createSyncCore({
    store: new DynamoSyncStore(client, config.tables),
    overlapMs: config.overlapMs,
    rateLimitPerMinute: config.rateLimitPerMinute,
    ...(config.contactWritesPerMinute !== undefined && {
      contactWritesPerMinute: config.contactWritesPerMinute,
    }),
    ...(config.maxContacts !== undefined && { maxContacts: config.maxContacts }),
    ...(config.reportRetentionDays !== undefined && {
      reportRetentionDays: config.reportRetentionDays,
    }),
    ...(config.push && { push: createPushContext(config.push, client) }),
    accounts: identities,
    ...(notifiers.length > 0 && {
      notify: async (me: string, request: SyncRequest, results: MutationResult[]) => {
        await Promise.all(notifiers.map((n) => n(me, request, results)));
      },
    }),
  });
  return async (event) => {
    const claims = event.requestContext?.authorizer?.jwt?.claims;
    const me = namespaceFromClaims(claims);
    const sub = subFromClaims(claims);
    if (!me || !sub) return unauthorized;
    try {
      if (!(await owns(me, sub))) return boundElsewhere;
    } catch (error) {
      console.error('identity check failed', error);
      return {
        statusCode: 500,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        body: JSON.stringify({ message: 'internal error, retry later' }),
      };
    }
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

/** The notifier Lambda's entry point (same zip, handler `index.notifier`; terraform/push.tf). */
export { notifier } from './push/lambda.ts';
/** The WebSocket API's Lambda entry points (same zip, handlers `index.authorizer` and `index.websocket`). */
export { authorizer, websocket } from './realtime/lambda.ts';
