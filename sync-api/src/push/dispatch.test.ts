import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { alice, bob } from '../../test/harness.ts';
import { createInProcessDispatcher, createLambdaDispatcher } from './dispatch.ts';
import type { NotifyJob } from './job.ts';
import type { Notifier } from './notifier.ts';

const job: NotifyJob = { v: 1, sender: bob, recipients: [alice] };

describe('the notifier hand-off', () => {
  it('is an asynchronous Lambda invoke (InvocationType Event) of the notifier, with the job', async () => {
    const lambda = mockClient(LambdaClient);
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    await createLambdaDispatcher(new LambdaClient({}), 'chatscape-notifier').dispatch(job);
    const [call] = lambda.commandCalls(InvokeCommand);
    expect(call?.args[0].input).toMatchObject({
      FunctionName: 'chatscape-notifier',
      InvocationType: 'Event',
    });
    expect(JSON.parse(new TextDecoder().decode(call?.args[0].input.Payload as Uint8Array))).toEqual(
      job,
    );
    lambda.restore();
  });

  it('never fails the sync when the invoke fails', async () => {
    const lambda = mockClient(LambdaClient);
    lambda.on(InvokeCommand).rejects(new Error('throttled'));
    const warnings: string[] = [];
    const dispatcher = createLambdaDispatcher(new LambdaClient({}), 'n', (m) => warnings.push(m));
    await expect(dispatcher.dispatch(job)).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
    lambda.restore();
  });

  it('locally returns before the notifier runs, and retries a failed run like Lambda', async () => {
    const runs: string[] = [];
    let attempt = 0;
    const notifier: Notifier = {
      async notify() {
        runs.push(`run ${++attempt}`);
        if (attempt < 3) throw new Error('503');
        return { sent: 1, gone: 0, failed: 0, blocked: 0 };
      },
    };
    const settled = new Promise<unknown>((resolve) => {
      const dispatcher = createInProcessDispatcher(notifier, 2, (_job, error) => resolve(error));
      void dispatcher.dispatch(job).then(() => runs.push('dispatched'));
    });
    expect(await settled).toBeUndefined();
    expect(runs).toEqual(['dispatched', 'run 1', 'run 2', 'run 3']);
  });
});
