import { mkdir } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import {
  configFromEnv,
  createLambdaHandler,
  type HandlerConfig,
  type SyncLambdaHandler,
} from '../src/handler.ts';
import { type TableNames, tableNames } from '../src/store/tables.ts';
import { createAppListener } from './app-server.ts';
import { type ContractOverride, type DeploymentContract, resolveContract } from './contract.ts';
import { localCredentials, startDynamo } from './dynamo.ts';
import { repoRoot } from './env.ts';
import { createGatewayListener } from './gateway.ts';
import { guardHost } from './host-guard.ts';
import { closeServer, listen, sendJson } from './http.ts';
import { createOidcListener, createOidcProvider, localClientID } from './oidc.ts';
import { loadOrCreateSigningKeys, publicJwks } from './oidc-keys.ts';
import { openOidcStore } from './oidc-store.ts';
import { type LocalPush, startLocalPush } from './push-stack.ts';
import { openUserStore } from './users.ts';
import { type LocalRealtime, startLocalRealtime } from './websocket-stack.ts';

export interface LocalStackOptions {
  /** Where dynalite, keys, users and sessions live; null or omitted = in memory. */
  dataDir?: string | null;
  /** 0 or omitted = a free port (for each of the four). */
  appPort?: number;
  apiPort?: number;
  oidcPort?: number;
  dynamoPort?: number;
  /** The built web app; omitted = <repo>/web/dist; null = the "not built" page. */
  webDist?: string | null;
  /** ID (and access) token lifetime. Default: the contract's oauth.idTokenMinutes. */
  idTokenTtlSeconds?: number;
  /** RATE_LIMIT_PER_MINUTE. Default: the contract's lambda.environment. */
  rateLimitPerMinute?: number;
  /** OVERLAP_MS. Default: the contract's lambda.environment. */
  overlapMs?: number;
  /**
   * Changes to sync-api/deployment.json for this stack only (e.g. a deliberately wrong redirect
   * path, or looser throttling for benchmarks). Default: the contract as it is.
   */
  contract?: ContractOverride;
  /** No logs from the stack itself. */
  quiet?: boolean;
  /** Live delivery: the WebSocket stand-in's port (0 or omitted = a free one). */
  realtimePort?: number;
  /** Web Push: the local push service's port (0 or omitted = a free one). */
  pushPort?: number;
}

export interface LocalStack {
  /** http://127.0.0.1:<appPort>, no trailing slash. */
  appURL: string;
  /**
   * The API base the app calls (`${apiURL}/sync`): the app's own origin, which proxies /sync
   * to the gateway, as CloudFront does in AWS (Terraform's api_url output is the app URL too).
   */
  apiURL: string;
  /** The API Gateway stand-in itself, http://127.0.0.1:<apiPort> (Terraform's api_endpoint). */
  apiEndpoint: string;
  /** The OpenID issuer, http://127.0.0.1:<oidcPort>. */
  authority: string;
  clientID: string;
  dynamoEndpoint: string;
  tables: TableNames;
  /** Live delivery: ws://127.0.0.1:<port>/<stage> (the browser's socket). */
  realtimeURL: string;
  /** Live delivery: the @connections management endpoint (the SDK's `endpoint`). */
  realtimeManagementURL: string;
  /** Web Push: the local push service (RFC 8030) and the deployment's VAPID public key. */
  push: Pick<LocalPush, 'service' | 'vapidPublicKey'>;
  /** The contract this stack runs (with the override applied). */
  contract: DeploymentContract;
  /** Closes every server and the database; idempotent. */
  stop(): Promise<void>;
}

export const tablePrefix = 'chatscape';

/**
 * A server that answers 503 until its real listener is attached (URLs must be known first),
 * and only to requests addressed to it by its own 127.0.0.1:<port> (no DNS rebinding).
 */
function lateServer() {
  let listener: RequestListener = (_req, res) =>
    sendJson(res, 503, { message: 'starting' }, { 'retry-after': '1' });
  const server: Server = createServer();
  server.on(
    'request',
    guardHost(server, (req, res) => listener(req, res)),
  );
  const attach = (next: RequestListener) => {
    listener = next;
  };
  return { server, attach };
}

function setAwsEnvDefaults() {
  process.env.AWS_ACCESS_KEY_ID ??= localCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= localCredentials.secretAccessKey;
  process.env.AWS_REGION ??= 'local';
}

async function listenAll(entries: [Server, number][]): Promise<string[]> {
  const results = await Promise.allSettled(entries.map(([server, port]) => listen(server, port)));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => `http://127.0.0.1:${(r as PromiseFulfilledResult<number>).value}`);
}

async function openState(dataDir: string | null) {
  const file = (name: string) => (dataDir ? join(dataDir, name) : null);
  const [signingKeys, users, store] = await Promise.all([
    loadOrCreateSigningKeys(file('oidc-keys.json')),
    openUserStore(file('users.json')),
    openOidcStore(file('oidc-store.json')),
  ]);
  return { signingKeys, users, store };
}

type Urls = { appURL: string; apiURL: string; apiEndpoint: string; authority: string };
type State = Awaited<ReturnType<typeof openState>>;

function oidcListener(
  urls: Urls,
  state: State,
  options: LocalStackOptions,
  contract: DeploymentContract,
) {
  const quiet = options.quiet ?? false;
  const provider = createOidcProvider({
    issuer: urls.authority,
    appURL: urls.appURL,
    ...state,
    contract,
    ...(options.idTokenTtlSeconds !== undefined && {
      idTokenTtlSeconds: options.idTokenTtlSeconds,
    }),
  });
  if (!quiet) provider.on('server_error', (_ctx, error) => console.error('oidc error', error));
  return createOidcListener(provider, { users: state.users, appURL: urls.appURL, quiet });
}

function gatewayListener(
  urls: Urls,
  state: State,
  config: HandlerConfig,
  contract: DeploymentContract,
  quiet = false,
) {
  // Created on first request, like a Lambda cold start: an init failure is a 500, not a dead stack.
  let handler: SyncLambdaHandler | undefined;
  return createGatewayListener({
    contract,
    authority: urls.authority,
    clientID: localClientID,
    jwks: publicJwks(state.signingKeys),
    handler: () => {
      handler ??= createLambdaHandler(config);
      return handler;
    },
    quiet,
  });
}

/**
 * The Lambda's configuration as Terraform sets its environment: the contract's variables, the
 * app URL as ALLOWED_ORIGIN, one table name per table (what configFromEnv reads in AWS).
 */
function handlerConfig(
  contract: DeploymentContract,
  options: LocalStackOptions,
  appURL: string,
  dynamo: { endpoint: string },
): HandlerConfig {
  const env: Record<string, string> = { ...contract.lambda.environment, ALLOWED_ORIGIN: appURL };
  const tables = tableNames(tablePrefix);
  for (const [key, name] of Object.entries(tables)) env[`${key.toUpperCase()}_TABLE`] = name;
  return {
    ...configFromEnv(env),
    ...(options.overlapMs !== undefined && { overlapMs: options.overlapMs }),
    ...(options.rateLimitPerMinute !== undefined && {
      rateLimitPerMinute: options.rateLimitPerMinute,
    }),
    dynamoEndpoint: dynamo.endpoint,
    region: 'local',
  };
}

/** Starts dynalite, the dev OpenID provider, the API Gateway stand-in and the app server. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  setAwsEnvDefaults();
  const contract = resolveContract(options.contract);
  const dataDir = options.dataDir ? resolve(options.dataDir) : null;
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const tables = tableNames(tablePrefix);
  const dynamo = await startDynamo({
    path: dataDir && join(dataDir, 'dynamo'),
    port: options.dynamoPort ?? 0,
    tables,
  });
  const [app, api, oidc] = [lateServer(), lateServer(), lateServer()];
  let state: State | undefined;
  let realtime: LocalRealtime | undefined;
  let push: LocalPush | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await Promise.all([app.server, api.server, oidc.server].map(closeServer));
      await realtime?.close();
      await push?.close();
      await state?.store.flush();
      await dynamo.close();
    })();
    return stopping;
  };
  try {
    const [appURL = '', apiEndpoint = '', authority = ''] = await listenAll([
      [app.server, options.appPort ?? 0],
      [api.server, options.apiPort ?? 0],
      [oidc.server, options.oidcPort ?? 0],
    ]);
    const urls = { appURL, apiURL: appURL, apiEndpoint, authority };
    state = await openState(dataDir);
    oidc.attach(oidcListener(urls, state, options, contract));
    // Live delivery (sync-api/src/realtime): the API Gateway WebSocket stand-in.
    realtime = await startLocalRealtime({
      dynamoEndpoint: dynamo.endpoint,
      tables,
      tablePrefix,
      authority,
      clientID: localClientID,
      jwks: publicJwks(state.signingKeys),
      port: options.realtimePort ?? 0,
      quiet: options.quiet ?? false,
    });
    // Web Push (sync-api/src/push): the push service stand-in and the notifier, in-process.
    push = await startLocalPush({
      dynamoEndpoint: dynamo.endpoint,
      tables,
      tablePrefix,
      keysFile: dataDir && join(dataDir, 'vapid-keys.json'),
      port: options.pushPort ?? 0,
    });
    const config: HandlerConfig = {
      ...handlerConfig(contract, options, appURL, dynamo),
      realtime: realtime.config,
      push: push.config,
      notifyDispatcher: push.dispatcher,
    };
    api.attach(gatewayListener(urls, state, config, contract, options.quiet));
    const webDist = options.webDist === undefined ? join(repoRoot, 'web', 'dist') : options.webDist;
    const realtimeURL = realtime.standIn.url;
    app.attach(
      createAppListener({
        webDist,
        appURL,
        apiEndpoint,
        authority,
        clientID: localClientID,
        contract,
        realtimeURL,
        vapidPublicKey: push.vapidPublicKey,
      }),
    );
    const { endpoint: dynamoEndpoint } = dynamo;
    const realtimeManagementURL = realtime.standIn.managementEndpoint;
    const live = { realtimeURL, realtimeManagementURL };
    const { service, vapidPublicKey } = push;
    return {
      ...urls,
      ...live,
      push: { service, vapidPublicKey },
      clientID: localClientID,
      dynamoEndpoint,
      tables,
      contract,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
