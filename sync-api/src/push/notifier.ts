import { createHash } from 'node:crypto';
import { compositeNamespace, PUSH_PAYLOAD_VERSION, type PushPayload } from '../protocol/index.ts';
import type { SyncStore } from '../store/sync-store.ts';
import type { PushWiring } from './config.ts';
import type { NotifyJob } from './job.ts';
import type { PushSender } from './send.ts';
import type { SubscriptionStore } from './subscription-store.ts';

export interface NotifierDeps {
  subscriptions: SubscriptionStore;
  /** The recipient's contact row says whether they blocked the sender. */
  contacts: Pick<SyncStore, 'getContact'>;
  send: PushSender;
  settings: Pick<PushWiring, 'ttlSeconds' | 'urgency'>;
  now?: () => number;
  warn?: (message: string, error?: unknown) => void;
}

export interface NotifyCount {
  sent: number;
  /** Subscriptions the push service called gone (404/410): deleted. */
  gone: number;
  /** Network errors, 429 and 5xx: the job is retried by Lambda. */
  failed: number;
  /** Recipients who blocked the sender: nothing sent. */
  blocked: number;
  /** Recipients who muted the conversation (core/chats.ts): nothing sent. Absent when 0. */
  muted?: number;
}

/** A job with failed deliveries: thrown so Lambda's asynchronous retries run it again. */
export class RetryableNotifyError extends Error {
  constructor(readonly count: NotifyCount) {
    super(`push: ${count.failed} deliveries failed; retrying`);
  }
}

/** RFC 8030 Topic: at most 32 base64url characters; one per conversation, so pokes collapse. */
export const topicOf = (conversation: string) =>
  createHash('sha256').update(conversation).digest('base64url').slice(0, 32);

export interface Notifier {
  /**
   * For each recipient who has not blocked the sender nor muted the conversation: a content-free push (the conversation
   * only) to every subscription. Gone subscriptions are deleted. Throws RetryableNotifyError
   * after trying them all when some failed for a reason worth retrying: a retry may repeat a
   * push to another device, which then shows the same notification again (same tag).
   */
  notify(job: NotifyJob): Promise<NotifyCount>;
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const now = deps.now ?? Date.now;
  const warn = deps.warn ?? ((message, error) => console.warn(message, error ?? ''));

  async function toRecipient(sender: string, recipient: string, count: NotifyCount) {
    const view = await deps.contacts.getContact(recipient, sender);
    if (view?.blocked) {
      count.blocked += 1;
      return;
    }
    if (view?.muted) {
      count.muted = (count.muted ?? 0) + 1;
      return;
    }
    const conversation = compositeNamespace(sender, recipient);
    const payload: PushPayload = { v: PUSH_PAYLOAD_VERSION, type: 'poke', conversation };
    const options = { ...deps.settings, topic: topicOf(conversation) };
    const subscriptions = await deps.subscriptions.list(recipient);
    await Promise.all(
      subscriptions.map(async (s) => {
        try {
          const status = await deps.send(s, JSON.stringify(payload), options);
          if (status >= 200 && status < 300) {
            count.sent += 1;
            await deps.subscriptions.touch(s.owner, s.endpointHash, now());
          } else if (status === 404 || status === 410) {
            count.gone += 1;
            await deps.subscriptions.remove(s.owner, s.endpointHash);
          } else if (status === 429 || status >= 500) {
            count.failed += 1;
            warn(`push: the push service answered ${status}`);
          } else {
            // 400/401/403/413: this request will never succeed as is; retrying would not help.
            warn(`push: the push service refused the request (${status})`);
          }
        } catch (error) {
          count.failed += 1;
          warn('push: delivery failed', error);
        }
      }),
    );
  }

  return {
    async notify(job) {
      const count: NotifyCount = { sent: 0, gone: 0, failed: 0, blocked: 0 };
      const recipients = [...new Set(job.recipients)].filter((r) => r !== job.sender);
      await Promise.all(recipients.map((r) => toRecipient(job.sender, r, count)));
      if (count.failed > 0) throw new RetryableNotifyError(count);
      return count;
    },
  };
}
