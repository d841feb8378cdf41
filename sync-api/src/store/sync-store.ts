/**
 * The store port of the sync core. Every method is a single-item operation (or one query) so
 * that it maps onto one DynamoDB request without transactions: the core stays correct when it
 * dies between any two calls, because each call is idempotent or conditional.
 */

export interface StoredContact {
  owner: string;
  email: string;
  name: string;
  blocked: boolean;
  request: boolean;
  reported: boolean;
  /** Server ms of the last change to this row; the "changed since" index. */
  updatedAt: number;
  lastMessageAt: number | null;
}

export type ContactFields = Pick<
  StoredContact,
  'name' | 'blocked' | 'request' | 'reported' | 'lastMessageAt'
>;

export interface ContactUpdate {
  /** Fields always written. */
  set: Partial<ContactFields>;
  /** Fields written only when the row or attribute does not exist yet. */
  ifAbsent: Partial<ContactFields>;
}

export interface StoredMessage {
  id: string;
  sender: string;
  recipient: string;
  body: string;
  sentAt: number;
  compositeNamespace: string;
  /**
   * `pending` until every side effect of the send is done. A pending message has no
   * serverTime, so it is absent from the pull index (a sparse GSI) and nobody sees it.
   */
  state: 'pending' | 'done';
  serverTime?: number;
  /** Kept for the sender, never delivered to the recipient (the recipient had blocked them). */
  hidden: boolean;
}

export type NewMessage = Omit<StoredMessage, 'state' | 'serverTime' | 'hidden'>;

export interface StoredReport {
  reported: string;
  /** The report mutation's id. */
  id: string;
  reporter: string;
  reason: string;
  createdAt: number;
}

export interface MessagePosition {
  serverTime: number;
  id: string;
}

export interface MessagePage {
  items: StoredMessage[];
  /** Present when the query stopped early: resume after it. */
  last?: MessagePosition;
}

export interface SyncStore {
  /** Conditional put (the id must not exist). Returns false when it already exists. */
  putMessageIfAbsent(message: NewMessage): Promise<boolean>;
  /** Strongly consistent read by id. */
  getMessage(id: string): Promise<StoredMessage | undefined>;
  /** Marks the message done and stamps serverTime, which puts it in the pull index. Idempotent. */
  completeMessage(id: string, serverTime: number, hidden: boolean): Promise<void>;
  /**
   * Reads the pull index (eventually consistent, like a GSI): messages of one conversation with
   * serverTime > after, ascending by (serverTime, id), starting after `start`, at most `limit`.
   */
  queryConversation(
    compositeNamespace: string,
    after: number,
    start: MessagePosition | undefined,
    limit: number,
  ): Promise<MessagePage>;

  /** Strongly consistent read of one contact row. */
  getContact(owner: string, email: string): Promise<StoredContact | undefined>;
  /** Creates or updates one contact row and stamps updatedAt = now. Idempotent for equal input. */
  upsertContact(owner: string, email: string, update: ContactUpdate, now: number): Promise<void>;
  /** Reads the "changed since" index (eventually consistent): rows with updatedAt > after. */
  queryContactsChangedSince(owner: string, after: number): Promise<StoredContact[]>;

  /** Conditional put keyed by (reported, id). Returns false when it already exists. */
  putReport(report: StoredReport): Promise<boolean>;

  /** Whether the mutation (owner, id) was fully applied before. Strongly consistent. */
  hasReceipt(owner: string, mutationId: string): Promise<boolean>;
  /** Records that the mutation was fully applied. Idempotent. */
  putReceipt(owner: string, mutationId: string, expiresAt: number): Promise<void>;

  /**
   * Atomically adds `count` to the owner's counter for `bucket` unless the total would pass
   * `limit`. Returns false (and adds nothing) when it would.
   */
  consumeRate(owner: string, bucket: string, count: number, limit: number): Promise<boolean>;
}
