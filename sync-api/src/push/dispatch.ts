import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { MutationResult, SyncRequest } from '../protocol/index.ts';
import type { NotifyJob } from './job.ts';
import type { Notifier } from './notifier.ts';

/**
 * Hands a job to the notifier without waiting for any push: the sender's request never waits
 * on a push service. Resolves once the hand-off is accepted; never throws (a lost hand-off
 * costs a notification, never data: the next pull still brings the message).
 */
export interface NotifyDispatcher {
  dispatch(job: NotifyJob): Promise<void>;
}

/**
 * The recipients of the batch's message.send that were applied (or found pending and
 * completed on a retry, "duplicate": the first attempt may have died before handing off).
 */
export function pushJob(me: string, request: SyncRequest, results: MutationResult[]) {
  const done = new Set(
    results.filter((r) => r.status === 'applied' || r.status === 'duplicate').map((r) => r.id),
  );
  const recipients = [
    ...new Set(
      request.mutations
        // A delete for everyone too: the recipient's worker replaces or closes a notification
        // that may show the deleted text (web/src/push/handle-push.ts).
        .filter((m) => (m.type === 'message.send' || m.type === 'message.delete') && done.has(m.id))
        .map((m) => (m as { to?: unknown }).to ?? (m as { peer?: unknown }).peer)
        .filter((to): to is string => typeof to === 'string' && to !== me),
    ),
  ];
  return recipients.length > 0 ? ({ v: 1, sender: me, recipients } satisfies NotifyJob) : null;
}

/**
 * AWS: an asynchronous invoke (InvocationType Event). Lambda queues the event, answers 202 at
 * once, retries a failed run (maximumRetryAttempts) and then sends the event to the function's
 * on-failure destination (terraform/push.tf).
 */
export function createLambdaDispatcher(
  client: Pick<LambdaClient, 'send'>,
  functionName: string,
  warn: (message: string, error: unknown) => void = (m, e) => console.warn(m, e),
): NotifyDispatcher {
  return {
    async dispatch(job) {
      try {
        await client.send(
          new InvokeCommand({
            FunctionName: functionName,
            InvocationType: 'Event',
            Payload: new TextEncoder().encode(JSON.stringify(job)),
          }),
        );
      } catch (error) {
        warn('push: hand-off to the notifier failed', error);
      }
    },
  };
}

/**
 * The local stack: the same notifier run after the response, like an asynchronous invoke
 * (with the same retries: a failed run is tried again up to `retries` times).
 */
export function createInProcessDispatcher(
  notifier: Notifier,
  retries: number,
  onSettled?: (job: NotifyJob, error?: unknown) => void,
): NotifyDispatcher & { idle(): Promise<void> } {
  // Runs still going: the local stack waits for them before it closes the store under them.
  const running = new Set<Promise<void>>();
  const run = async (job: NotifyJob, attemptsLeft: number): Promise<void> => {
    try {
      await notifier.notify(job);
      onSettled?.(job);
    } catch (error) {
      if (attemptsLeft > 0) return run(job, attemptsLeft - 1);
      console.warn('push: notifier failed after retries', error);
      onSettled?.(job, error);
    }
  };
  return {
    async dispatch(job) {
      const done: Promise<void> = new Promise<void>((resolve) =>
        setImmediate(() => void run(job, retries).finally(resolve)),
      ).finally(() => running.delete(done));
      running.add(done);
    },
    async idle() {
      while (running.size > 0) await Promise.all(running);
    },
  };
}

/** The sync core's `notify` hook for push: never throws, never waits on a push service. */
export async function dispatchAfterSync(
  dispatcher: NotifyDispatcher,
  me: string,
  request: SyncRequest,
  results: MutationResult[],
): Promise<void> {
  try {
    const job = pushJob(me, request, results);
    if (job) await dispatcher.dispatch(job);
  } catch (error) {
    console.warn('push: skipped', error);
  }
}
