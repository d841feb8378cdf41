import type { Contact, Message, Mutation, MutationType } from '@chatscape/sync-api/protocol';

/** A contact as the server knows it plus what only this device keeps. */
export type LocalContact = Contact & {
  /** serverTime of the newest incoming message the user has seen in this conversation. */
  lastReadAt: number;
  /** Sort key of the contact list: the newest message (local or server), else updatedAt. (v2) */
  lastActivity: number;
  /**
   * The arrival number (see LocalMessage.arrival) up to which the user has read this
   * conversation; absent means nothing read. Unread is what arrived after it. (v3)
   */
  readArrival?: number;
  /** `updatedAt` of the newest server row applied here; absent until one is pulled. (v3) */
  serverUpdatedAt?: number;
  /** Contact mutations the server just applied, kept over stale pulled rows (v3). */
  acked?: AckedMutation[];
  /** Device ms when the last of `acked` expires; set only while `acked` is. (v3, indexed) */
  ackedUntil?: number;
  /** The last row pulled while `acked` is set: what the contact reverts to when they expire. */
  server?: Contact;
  /** The conversation's last message in display order, for the list (db/summary.ts). (v4) */
  last?: LastMessage;
  /** Incoming messages that arrived after `readArrival`; absent means 0. (v4) */
  unread?: number;
  /**
   * The read watermark learned from the user's other devices (a pulled `readAt` beyond what
   * this device had read): messages stamped at or before it that arrive later count as read.
   * Never this device's own marks (db/receipt-marks.ts). (not indexed)
   */
  remoteReadAt?: number;
  /** The newest incoming serverTime this device has queued a delivered receipt for. */
  deliveredQueued?: number;
};

/** What the contact list shows of a conversation's last message (body cut to a preview). */
export type LastMessage = Pick<
  LocalMessage,
  'id' | 'sender' | 'body' | 'state' | 'serverTime' | 'sentAt' | 'rank' | 'deleted'
>;

/**
 * A contact mutation the server has applied. The pull in the same answer, or one soon after,
 * may still read the row from before it (the index lags): such a row (updatedAt at most
 * `staleUpTo`, what this device had when the mutation was acknowledged) gets the mutation
 * re-applied. A newer row means the server's row has caught up. `ackedAt` (device ms) bounds
 * how long the entry lives; when the last one expires the contact is rebuilt from the last
 * pulled row, so a misjudged row (a server clock step) can never keep devices apart.
 */
export interface AckedMutation {
  mutation: Mutation;
  staleUpTo: number;
  ackedAt: number;
}

export type MessageState = 'pending' | 'sent' | 'failed';

export interface LocalError {
  code: string;
  message: string;
}

/** A message as shown: server fields, `serverTime` null until the server has stamped it. */
export type LocalMessage = Omit<Message, 'serverTime'> & {
  serverTime: number | null;
  /** The other participant: the conversation this message belongs to. */
  peer: string;
  /** Display order: serverTime once known, else PENDING_RANK_BASE + sentAt (mine, unsent). (v2) */
  rank: number;
  state: MessageState;
  error?: LocalError;
  /**
   * This device's arrival number: assigned from a per-database counter when a server message
   * is first stored here, never changed after. Unread counts use it, not serverTime: a message
   * stamped earlier that arrives later (normal inside the pull's overlap window) still arrived
   * after what the user read. Absent on our own messages until another device's copy arrives.
   * (v3)
   */
  arrival?: number;
  /** The folded words of `body` (web/src/search/words.ts), the search index. (v4) */
  words?: string[];
  /** Edits this device made to it (own messages): the menu stops offering Edit at 10. */
  edits?: number;
};

/** A message deleted for me: its id is kept so a copy pulled again stays gone (v5). */
export interface RemovedMessage {
  id: string;
  peer: string;
}

/** Ranks of unsent messages sort after every server time, so they sit at the bottom. */
export const PENDING_RANK_BASE = 1e15;

export type OutboxStatus = 'queued' | 'failed';

/**
 * One queued mutation. Written in the same transaction as the rows it changes, removed only
 * when the server answers applied/duplicate, or when the user discards it after a rejection.
 */
export interface OutboxRow {
  seq?: number;
  id: string;
  type: MutationType;
  mutation: Mutation;
  /** The contact the mutation is about, for showing failures next to it. */
  peer: string;
  status: OutboxStatus;
  error?: LocalError;
  createdAt: number;
  /**
   * message.edit / .delete / .hide: the message as it was before, put back if the server
   * refuses the change (db/lifecycle.ts undoChange), so the device shows what everyone sees.
   */
  undo?: LocalMessage;
}

export interface Draft {
  peer: string;
  text: string;
  updatedAt: number;
  /**
   * The id of the draft.set carrying this text (queued here or pulled); absent while the text
   * is typed here and not queued yet (dirty). See db/commands/drafts.ts. (not indexed)
   */
  version?: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}
