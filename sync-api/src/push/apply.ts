import { mutationVersion } from '../core/versions.ts';
import {
  errorCodes,
  type Mutation,
  type MutationResult,
  type PushMutation,
} from '../protocol/index.ts';
import { pushWiring } from './config.ts';
import type { EndpointPolicy } from './endpoint-policy.ts';
import { endpointHash, type SubscriptionStore } from './subscription-store.ts';

/** What the sync core needs to apply push.* mutations. */
export interface PushContext {
  subscriptions: SubscriptionStore;
  endpoints: EndpointPolicy;
}

/** Push mutations of one batch are applied in order, apart from any contact's. */
export const PUSH_GROUP = '#push';

export const isPushMutation = (m: Mutation): m is PushMutation =>
  m.type === 'push.subscribe' || m.type === 'push.unsubscribe';

const rejected = (id: string, code: string, message: string): MutationResult => ({
  id,
  status: 'rejected',
  error: { code, message },
});

/**
 * push.subscribe / push.unsubscribe for the verified owner `me`: last-writer-wins by the
 * mutation's UUIDv7 version, so a retried or late copy is `duplicate` and changes nothing.
 * Throws only on store failure.
 */
export async function applyPushMutation(
  push: PushContext | undefined,
  now: number,
  me: string,
  m: PushMutation,
): Promise<MutationResult> {
  if (!push) {
    return rejected(m.id, errorCodes.pushUnavailable, 'this server does not send notifications');
  }
  const version = mutationVersion(m.id, now);
  if (typeof version !== 'string') {
    return rejected(m.id, errorCodes.invalid, `id: ${version.error}`);
  }
  const refused = push.endpoints.check(m.endpoint);
  if (refused && m.type === 'push.subscribe') {
    return rejected(m.id, errorCodes.invalid, `endpoint: ${refused}`);
  }
  const changed =
    m.type === 'push.subscribe'
      ? await push.subscriptions.subscribe(
          {
            owner: me,
            endpointHash: endpointHash(m.endpoint),
            endpoint: m.endpoint,
            p256dh: m.keys.p256dh,
            auth: m.keys.auth,
            createdAt: now,
            lastUsedAt: now,
          },
          version,
        )
      : await push.subscriptions.unsubscribe(
          me,
          m.endpoint,
          version,
          now,
          Math.ceil(now / 1000) + pushWiring.tombstoneDays * 24 * 3600,
        );
  return { id: m.id, status: changed ? 'applied' : 'duplicate' };
}
