import { Dexie, type DexieOptions, type EntityTable, type Transaction } from 'dexie';
import { searchIndexMiddleware } from '../search/index-middleware.ts';
import { wordsOf } from '../search/words.ts';
import { lastOf } from './summary.ts';
import {
  type Draft,
  type LocalContact,
  type LocalMessage,
  type MetaRow,
  type OutboxRow,
  PENDING_RANK_BASE,
  type RemovedMessage,
} from './types.ts';

/**
 * Shipped schema versions. Never edit one that has shipped: add version(n + 1) with an
 * upgrade and a test in migrations.test.ts.
 */
export function declareV1(db: Dexie): void {
  db.version(1).stores({
    contacts: 'email',
    messages: 'id, [peer+serverTime]',
    outbox: '++seq, &id, status',
    meta: 'key',
  });
}

/**
 * v2: messages get a `rank` (serverTime, or a bottom rank while unsent) and a
 * [peer+rank+id] index so a conversation reads in display order, pending included;
 * contacts get `lastActivity` (indexed, for the list order); drafts get their own table.
 */
export function declareV2(db: Dexie): void {
  db.version(2)
    .stores({
      contacts: 'email, lastActivity',
      messages: 'id, [peer+rank+id]',
      drafts: 'peer',
    })
    .upgrade(upgradeToV2);
}

export async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table<LocalMessage>('messages')
    .toCollection()
    .modify((m) => {
      m.rank = m.serverTime ?? PENDING_RANK_BASE + m.sentAt;
    });
  await tx
    .table<LocalContact>('contacts')
    .toCollection()
    .modify((c) => {
      c.lastActivity = c.lastMessageAt ?? c.updatedAt;
      c.lastReadAt ??= 0;
    });
}

/**
 * v3: messages get an `arrival` number (the order this device first stored them in) with a
 * [peer+arrival] index, and contacts a `readArrival` read marker on it, so unread counts
 * what arrived after the user last read, whatever its server stamp. Existing messages are
 * numbered in display order and the marker is placed after what `lastReadAt` covered, so
 * every count stays what it was. Contacts get `ackedUntil` (indexed, set only while a contact
 * holds acknowledged mutations), so expired ones are found without a scan.
 */
export function declareV3(db: Dexie): void {
  db.version(3)
    .stores({
      contacts: 'email, lastActivity, ackedUntil',
      messages: 'id, [peer+rank+id], [peer+arrival]',
    })
    .upgrade(upgradeToV3);
}

export async function upgradeToV3(tx: Transaction): Promise<void> {
  const contacts = await tx.table<LocalContact>('contacts').toArray();
  const readUpTo = new Map(contacts.map((c) => [c.email, c.lastReadAt]));
  const readArrival = new Map<string, number>();
  let seq = 0;
  await tx
    .table<LocalMessage>('messages')
    .orderBy('[peer+rank+id]')
    .modify((m) => {
      if (m.serverTime === null) return;
      seq += 1;
      m.arrival = seq;
      if (m.rank <= (readUpTo.get(m.peer) ?? 0)) readArrival.set(m.peer, seq);
    });
  await tx
    .table<LocalContact>('contacts')
    .toCollection()
    .modify((c) => {
      c.readArrival = readArrival.get(c.email) ?? 0;
    });
  await tx.table<MetaRow>('meta').put({ key: 'arrivalSeq', value: seq });
}

/**
 * v4: messages get `words` (web/src/search/words.ts) under a multi-entry index, the offline
 * search index; kept in every message write by searchIndexMiddleware. Contacts get their
 * summary (`last`, `unread`: db/summary.ts), kept in every transaction that writes, reads or
 * deletes messages, so the list and the badge read contact rows only. The upgrade indexes and
 * summarises what is there in one pass over the messages in display order: unread counts
 * what the v3 query counted (incoming, arrived after the read marker). An `arrival` index
 * serves the search index's backlog (db/word-backlog.ts): the upgrade leaves none.
 */
export function declareV4(db: Dexie): void {
  db.version(4)
    .stores({ messages: 'id, [peer+rank+id], [peer+arrival], *words, arrival' })
    .upgrade(upgradeToV4);
}

export async function upgradeToV4(tx: Transaction): Promise<void> {
  const self = (tx.db as ChatDb).self;
  const contacts = await tx.table<LocalContact>('contacts').toArray();
  const readArrival = new Map(contacts.map((c) => [c.email, c.readArrival ?? 0]));
  const last = new Map<string, LocalMessage>();
  const unread = new Map<string, number>();
  await tx
    .table<LocalMessage>('messages')
    .orderBy('[peer+rank+id]')
    .modify((m) => {
      m.words = wordsOf(m.body);
      last.set(m.peer, m);
      const arrived = m.arrival !== undefined && m.arrival > (readArrival.get(m.peer) ?? 0);
      if (arrived && m.sender !== self) unread.set(m.peer, (unread.get(m.peer) ?? 0) + 1);
    });
  await tx
    .table<LocalContact>('contacts')
    .toCollection()
    .modify((c) => {
      const newest = last.get(c.email);
      if (newest) c.last = lastOf(newest);
      c.unread = unread.get(c.email) ?? 0;
    });
  const seq = (await tx.table<MetaRow>('meta').get('arrivalSeq'))?.value ?? 0;
  await tx.table<MetaRow>('meta').put({ key: 'wordsIndexedUpTo', value: seq });
}

/**
 * v5: `removed`, the ids of messages deleted for me (on this device or another of mine), so
 * a copy pulled again (the overlap window, a first sync of an old page) is dropped instead of
 * coming back. Nothing to migrate: the table starts empty.
 */
export function declareV5(db: Dexie): void {
  db.version(5).stores({ removed: 'id' });
}

export type ChatDbOptions = DexieOptions & {
  /**
   * Test-only (the simulator's planted-bug run): keep Dexie's default on deletion, which
   * reopens on the next write, the bug this class's versionchange rule fixes. Never set in the app.
   */
  plantedReopenAfterDelete?: boolean;
};

export class ChatDb extends Dexie {
  declare contacts: EntityTable<LocalContact, 'email'>;
  declare messages: EntityTable<LocalMessage, 'id'>;
  declare outbox: EntityTable<OutboxRow, 'seq'>;
  declare meta: EntityTable<MetaRow, 'key'>;
  declare drafts: EntityTable<Draft, 'peer'>;
  declare removed: EntityTable<RemovedMessage, 'id'>;

  readonly #gone = new Set<() => void>();

  constructor(
    name: string,
    /** The signed-in user's email (or the demo user): whose database this is. */
    readonly self: string,
    options?: ChatDbOptions,
  ) {
    super(name, options);
    declareV1(this);
    declareV2(this);
    declareV3(this);
    declareV4(this);
    declareV5(this);
    this.use(searchIndexMiddleware);
    this.on('versionchange', (event) => {
      // An upgrade by a newer version of the app: Dexie's default closes and reopens.
      if (event.newVersion || options?.plantedReopenAfterDelete) return;
      // A deletion (sign-out, here or in another tab): close for good. Dexie's default would
      // reopen on the next read or write, and that write (a sync answer still on its way, a
      // contact added in another tab) would recreate the deleted database.
      this.close({ disableAutoOpen: true });
      for (const listener of this.#gone) listener();
      return false;
    });
  }

  /** Calls `listener` when another connection deletes this database (a sign-out). */
  onDeleted(listener: () => void): () => void {
    this.#gone.add(listener);
    return () => this.#gone.delete(listener);
  }
}
