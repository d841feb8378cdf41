import { Dexie, type DexieOptions, type EntityTable, type Transaction } from 'dexie';
import {
  type Draft,
  type LocalContact,
  type LocalMessage,
  type MetaRow,
  type OutboxRow,
  PENDING_RANK_BASE,
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

export class ChatDb extends Dexie {
  declare contacts: EntityTable<LocalContact, 'email'>;
  declare messages: EntityTable<LocalMessage, 'id'>;
  declare outbox: EntityTable<OutboxRow, 'seq'>;
  declare meta: EntityTable<MetaRow, 'key'>;
  declare drafts: EntityTable<Draft, 'peer'>;

  constructor(
    name: string,
    /** The signed-in user's email (or the demo user): whose database this is. */
    readonly self: string,
    options?: DexieOptions,
  ) {
    super(name, options);
    declareV1(this);
    declareV2(this);
  }
}
