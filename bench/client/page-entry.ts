/**
 * What the bench runs inside the page: the app's own database, apply and query code (the same
 * sources Vite bundles), exposed on globalThis. Bundled by page-bundle.ts, never shipped.
 */
import { Dexie } from 'dexie';
import { sendMessage } from '../../web/src/db/commands/send-message.ts';
import { dbNameFor } from '../../web/src/db/open.ts';
import { listContactSummaries, listRecentMessages, totalUnread } from '../../web/src/db/queries.ts';
import { ChatDb } from '../../web/src/db/schema.ts';
import { syncOnce } from '../../web/src/sync/sync-once.ts';

const api = {
  syncOnce,
  ChatDb,
  Dexie,
  dbNameFor,
  sendMessage,
  listContactSummaries,
  listRecentMessages,
  totalUnread,
};
export type BenchPageApi = typeof api;
(globalThis as unknown as { __chatscapeBench: BenchPageApi }).__chatscapeBench = api;
