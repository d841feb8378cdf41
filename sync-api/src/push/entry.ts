import { LambdaClient } from '@aws-sdk/client-lambda';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PushContext } from './apply.ts';
import { pushWiring } from './config.ts';
import { createLambdaDispatcher, type NotifyDispatcher } from './dispatch.ts';
import { DynamoSubscriptionStore } from './dynamo-subscription-store.ts';
import { createEndpointPolicy } from './endpoint-policy.ts';

/** The sync Lambda's Web Push settings; absent = push.* mutations are refused, no pushes. */
export interface PushConfig {
  /** The subscriptions table (tables.json `subscriptions`). */
  subscriptionsTable: string;
  /** AWS: the notifier function's name (asynchronous invoke). Absent locally. */
  notifierFunction?: string;
  /** Local stack only: the http://127.0.0.1 push service's origin. Never set in AWS. */
  extraEndpointOrigins?: string[];
}

export function pushConfigFromEnv(env: NodeJS.ProcessEnv): PushConfig | undefined {
  const subscriptionsTable = env.SUBSCRIPTIONS_TABLE;
  const notifierFunction = env.NOTIFIER_FUNCTION;
  if (!subscriptionsTable || !notifierFunction) return undefined;
  return { subscriptionsTable, notifierFunction };
}

export function createPushContext(config: PushConfig, client: DynamoDBDocumentClient): PushContext {
  return {
    subscriptions: new DynamoSubscriptionStore(client, config.subscriptionsTable),
    endpoints: createEndpointPolicy(pushWiring.endpointHosts, config.extraEndpointOrigins ?? []),
  };
}

export function createPushDispatcher(config: PushConfig): NotifyDispatcher | undefined {
  if (!config.notifierFunction) return undefined;
  return createLambdaDispatcher(new LambdaClient({}), config.notifierFunction);
}
