import type { Contact, Message, Mutation, MutationType } from '@chatscape/sync-api/protocol';

/** A contact as the server knows it plus what only this device keeps. */
export type LocalContact = Contact & {
  /** serverTime of the newest incoming message the user has seen in this conversation. */
  lastReadAt: number;
  /** Sort key of the contact list: the newest message (local or server), else updatedAt. (v2) */
  lastActivity: number;
};

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
};

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
}

export interface Draft {
  peer: string;
  text: string;
  updatedAt: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}
