import { readFile, writeFile } from 'node:fs/promises';
import webpush from 'web-push';
import { createDocumentClient } from '../src/handler.ts';
import { pushWiring } from '../src/push/config.ts';
import { createInProcessDispatcher, type NotifyDispatcher } from '../src/push/dispatch.ts';
import { DynamoSubscriptionStore } from '../src/push/dynamo-subscription-store.ts';
import type { PushConfig } from '../src/push/entry.ts';
import { createNotifier } from '../src/push/notifier.ts';
import { createWebPushSender } from '../src/push/send.ts';
import { DynamoSyncStore } from '../src/store/dynamo-store.ts';
import type { TableNames } from '../src/store/tables.ts';
import definitions from '../tables.json' with { type: 'json' };
import { ensureKeyedTable } from './ensure-table.ts';
import { type LocalPushService, startLocalPushService } from './push-service.ts';

export interface LocalPushOptions {
  dynamoEndpoint: string;
  tables: TableNames;
  tablePrefix: string;
  /** Where the VAPID key pair is kept across restarts; null = a new pair per stack. */
  keysFile: string | null;
  /** The local push service's port (0 or omitted = a free one). */
  port?: number;
}

export interface LocalPush {
  /** The RFC 8030 stand-in the notifier posts to (tests own the subscriptions' keys). */
  service: LocalPushService;
  /** config.json's vapidPublicKey. */
  vapidPublicKey: string;
  /** What the sync handler needs: the table, and the push service's http origin allowed. */
  config: PushConfig;
  /** The notifier run in-process after each response, like an asynchronous invoke. */
  dispatcher: NotifyDispatcher;
  close(): Promise<void>;
}

/** Creates the subscriptions table from its tables.json entry, if missing (dynalite has no TTL). */
export async function ensureSubscriptionsTable(
  client: ReturnType<typeof createDocumentClient>,
  name: string,
) {
  await ensureKeyedTable(client, name, definitions.subscriptions);
}

/** The local deployment's VAPID pair: what sync-api/scripts/vapid-keys.ts does once in AWS. */
async function loadOrCreateVapidKeys(file: string | null) {
  if (file) {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as { publicKey: string; privateKey: string };
    } catch {
      // First start: make the pair below.
    }
  }
  const keys = webpush.generateVAPIDKeys();
  if (file) await writeFile(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

/** Web Push on one machine: the subscriptions table, the push service, the notifier. */
export async function startLocalPush(options: LocalPushOptions): Promise<LocalPush> {
  const client = createDocumentClient({ dynamoEndpoint: options.dynamoEndpoint, region: 'local' });
  const subscriptionsTable = `${options.tablePrefix}-subscriptions`;
  await ensureSubscriptionsTable(client, subscriptionsTable);
  const keys = await loadOrCreateVapidKeys(options.keysFile);
  const service = await startLocalPushService(options.port ?? 0);
  const notifier = createNotifier({
    subscriptions: new DynamoSubscriptionStore(client, subscriptionsTable),
    contacts: new DynamoSyncStore(client, options.tables),
    // AWS uses the app's https URL; http://127.0.0.1 is not a valid VAPID subject.
    send: createWebPushSender({ subject: 'mailto:operator@chatscape.invalid', ...keys }),
    settings: pushWiring,
  });
  const dispatcher = createInProcessDispatcher(notifier, pushWiring.maximumRetryAttempts);
  return {
    service,
    vapidPublicKey: keys.publicKey,
    config: { subscriptionsTable, extraEndpointOrigins: [service.origin] },
    dispatcher,
    async close() {
      // Notifier runs started by the last syncs finish first (they read and write the tables).
      await dispatcher.idle();
      await service.close();
      client.destroy();
    },
  };
}
