/**
 * The local stack as the benchmarks use it: dynalite, the dev OpenID provider and the API
 * Gateway adapter with real JWT verification, plus a DynamoDB meter on dynalite's server and a
 * document client of our own for seeding.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localCredentials } from '../../sync-api/local/dynamo.ts';
import { type LocalStack, startLocalStack } from '../../sync-api/local/stack.ts';
import { demoPassword } from '../../sync-api/local/users.ts';
import type { HandlerConfig } from '../../sync-api/src/handler.ts';
import { createAccount, signIn } from '../../sync-api/test/local/sign-in.ts';
import { type DynamoMeter, meterDynamo } from '../lib/dynamo-meter.ts';
import { type Seeder, startSeeder } from './seeder.ts';
import { createHttpSyncClient, type SyncClient } from './sync-client.ts';

export interface BenchStack {
  stack: LocalStack;
  meter: DynamoMeter;
  /** Our own client to dynalite (never inside a measurement window). */
  db: DynamoDBDocumentClient;
  /** Seeds histories from a worker thread (never inside a measurement window). */
  seed: Seeder;
  /** Signs a demo user in (password `chatscape`), or creates the account first. */
  user(email: string, options?: { create?: boolean }): Promise<SyncClient>;
  stop(): Promise<void>;
}

/**
 * A sync handler of the bench's own against the stack's tables (measured in-process), with
 * the rate limit lifted like the stack's.
 */
export function benchHandlerConfig(stack: LocalStack): HandlerConfig {
  return {
    tables: stack.tables,
    allowedOrigin: stack.appURL,
    overlapMs: 5000,
    rateLimitPerMinute: 1_000_000,
    dynamoEndpoint: stack.dynamoEndpoint,
    region: 'local',
  };
}

export async function startBenchStack(webDist: string | null = null): Promise<BenchStack> {
  const stack = await startLocalStack({
    dataDir: null,
    webDist,
    quiet: true,
    rateLimitPerMinute: 1_000_000,
    // The benchmarks measure the server, not API Gateway's route throttling (deployment.json).
    contract: {
      api: {
        routes: {
          'POST /sync': {
            authorization: 'JWT',
            throttlingBurstLimit: 1e9,
            throttlingRateLimit: 1e9,
          },
        },
      },
    },
  });
  const raw = new DynamoDBClient({
    endpoint: stack.dynamoEndpoint,
    region: 'local',
    credentials: localCredentials,
  });
  const db = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const seed = startSeeder(stack.dynamoEndpoint, stack.tables);
  return {
    stack,
    meter: meterDynamo(stack.dynamoEndpoint),
    db,
    seed,
    async user(email, options = {}) {
      const password = options.create ? 'bench-password' : demoPassword;
      const tokens = options.create
        ? await createAccount(stack, email, password)
        : await signIn(stack, email, password);
      return createHttpSyncClient(stack, email, tokens.idToken);
    },
    async stop() {
      await seed.close();
      db.destroy();
      await stack.stop();
    },
  };
}
