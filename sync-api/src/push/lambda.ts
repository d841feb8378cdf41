/**
 * The notifier Lambda (handler `index.notifier`, bundled into the sync zip), invoked
 * asynchronously by the sync Lambda with a NotifyJob. Throws to make Lambda retry; after the
 * retries the event goes to the on-failure destination. The VAPID private key is read from
 * SSM Parameter Store (SecureString) once per cold start; it is never in the bundle or env.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import { DynamoSyncStore } from '../store/dynamo-store.ts';
import type { TableNames } from '../store/tables.ts';
import { pushWiring } from './config.ts';
import { DynamoSubscriptionStore } from './dynamo-subscription-store.ts';
import { notifyJobSchema } from './job.ts';
import { createNotifier, type Notifier } from './notifier.ts';
import { createWebPushSender } from './send.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
}

let ready: Promise<Notifier> | undefined;

async function init(): Promise<Notifier> {
  const ssm = new SSMClient({});
  const parameter = await ssm.send(
    new GetParameterCommand({
      Name: required('VAPID_PRIVATE_KEY_PARAMETER'),
      WithDecryption: true,
    }),
  );
  const privateKey = parameter.Parameter?.Value ?? '';
  if (!/^[A-Za-z0-9_-]{43}$/.test(privateKey)) {
    throw new Error(
      'the VAPID private key parameter is not set: run sync-api/scripts/vapid-keys.ts',
    );
  }
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  // The notifier reads contact rows only (getContact: has the recipient blocked the sender?).
  const contacts = required('CONTACTS_TABLE');
  const tables: TableNames = { contacts, messages: '', reports: '', receipts: '', identities: '' };
  return createNotifier({
    subscriptions: new DynamoSubscriptionStore(client, required('SUBSCRIPTIONS_TABLE')),
    contacts: new DynamoSyncStore(client, tables),
    send: createWebPushSender({
      subject: required('VAPID_SUBJECT'),
      publicKey: required('VAPID_PUBLIC_KEY'),
      privateKey,
    }),
    settings: pushWiring,
  });
}

export const notifier = async (event: unknown) => {
  const job = v.safeParse(notifyJobSchema, event);
  if (!job.success) {
    // A malformed event never succeeds: log and drop rather than retry it.
    console.error('push: malformed notifier event', v.flatten(job.issues).nested);
    return { dropped: true };
  }
  ready ??= init().catch((error) => {
    ready = undefined;
    throw error;
  });
  return (await ready).notify(job.output);
};
