import type { BrowserContext } from '@playwright/test';
import { stubPushManager } from '../../e2e/support/push.ts';
import { createSubscriptionKeys } from '../../sync-api/local/push-service.ts';
import type { LocalStack } from '../../sync-api/local/stack.ts';

/**
 * Headless Chromium cannot subscribe with FCM: a subscription whose keys the bench made,
 * registered with the local push service, stands in (the journeys' stub). Returns its endpoint.
 */
export async function stubbedSubscription(
  context: BrowserContext,
  push: LocalStack['push'],
): Promise<string> {
  const keys = createSubscriptionKeys();
  const endpoint = push.service.subscribe(keys, push.vapidPublicKey);
  await stubPushManager(context, [{ endpoint, keys }]);
  return endpoint;
}
