/**
 * The store port of the sync core. Every method is a single-item operation (or one query) so
 * that it maps onto one DynamoDB request without transactions: the core stays correct when it
 * dies between any two calls, because each call is idempotent or conditional.
 */

/** One block or unblock that took effect, at the server stamp it took effect. */
export interface BlockToggle {
  at: number;
  blocked: boolean;
}

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
  /** Server ms of the last edit or delete event in the conversation (message-events.ts). */
  lastEventAt?: number;
  /**
   * Last-writer-wins versions (see core/versions.ts) of the mutations that last set `name` and
   * `blocked`: a mutation older than the version changes nothing, however late it arrives.
   */
  nameVersion?: string;
  blockVersion?: string;
  /**
   * The blocks and unblocks that took effect, ascending by `at` (at most 100: the oldest
   * block/unblock pair is dropped beyond that). A message is hidden from the owner when the
   * last toggle at or before its serverTime is a block, decided at pull time.
   */
  blockLog: BlockToggle[];
  /** Bumped by every write to the row: contact mutations are conditional on it. */
  rev: number;
  /** Receipt watermarks (core/receipts.ts), server ms, only ever raised. */
  readAt?: number;
  peerReadAt?: number;
  peerDeliveredAt?: number;
  /** The owner's draft to this peer and the version of the draft.set that wrote it. */
  draft?: string;
  draftVersion?: string;
  /** The owner muted this conversation (no push), and the version that set it. */
  muted?: boolean;
  muteVersion?: string;
  /** Server ms: the owner deleted the conversation's messages stamped at or before it. */
  clearedAt?: number;
  /** Only on the owner's settings row (protocol SETTINGS_ROW): "Send read receipts". */
  readReceipts?: boolean;
  readReceiptsVersion?: string;
}

/**
 * Fields that only receipts, drafts and chat settings write (never contact mutations):
 * watermarks (each written only to a greater value) and the draft (last-writer-wins).
 */
export type RowExtras = Pick<
  StoredContact,
  | 'readAt'
  | 'peerReadAt'
  | 'peerDeliveredAt'
  | 'draft'
  | 'draftVersion'
  | 'muted'
  | 'muteVersion'
  | 'clearedAt'
  | 'readReceipts'
  | 'readReceiptsVersion'
>;

/** What a contact mutation writes (read-modify-write, conditional on `rev`). */
export type ContactState = Pick<
  StoredContact,
  'name' | 'blocked' | 'request' | 'reported' | 'nameVersion' | 'blockVersion' | 'blockLog'
> &
  RowExtras;

export type ContactFields = Pick<
  StoredContact,
  'name' | 'blocked' | 'request' | 'reported' | 'lastMessageAt'
> & {
  /** Server ms of the conversation's last edit or delete: pulls read it like lastMessageAt. */
  lastEventAt?: number;
};

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
  /** The message this one replies to. */
  replyTo?: string;
  /**
   * Set on event items (core/message-events.ts): a change to `target`, pulled like a message.
   * A `hide` is the sender's own and only ever pulled by them.
   */
  kind?: 'edit' | 'delete' | 'hide';
  target?: string;
  /** On a message: the ids of the edits applied to it (the cap, and each edit applied once). */
  editIds?: string[];
  /** On a message: the version (core/versions.ts) of the edit that set `body`, and when. */
  editVersion?: string;
  editedAt?: number;
  /** Deleted for everyone: `body` is empty. Set on the message and on its edits. */
  deleted?: boolean;
}

export type NewMessage = Omit<
  StoredMessage,
  'state' | 'serverTime' | 'hidden' | 'editIds' | 'editVersion' | 'editedAt' | 'deleted'
>;

/** What an edit writes on its message (core/message-events.ts). */
export interface MessageRevision {
  body: string;
  editIds: string[];
  editVersion: string;
  editedAt: number;
}

export interface StoredReport {
  reported: string;
  /** The report mutation's id. */
  id: string;
  reporter: string;
  reason: string;
  createdAt: number;
  /** Epoch seconds: the reports table's TTL (REPORTS_RETENTION_DAYS after createdAt). */
  expiresAt: number;
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
  /**
   * Marks the message done and stamps serverTime, which puts it in the pull index. Idempotent.
   * serverTime only moves forward: a stamp at or before the stored one changes nothing, so two
   * deliveries of one run completing concurrently leave its messages in the run's order (each
   * ends with the later round's stamp). Throws when the message does not exist.
   */
  completeMessage(id: string, serverTime: number, hidden: boolean): Promise<void>;
  /**
   * Writes an edit on a done message, only while it is not deleted and still has exactly
   * `expectedEdits` edits applied (its `editIds`; a missing list counts as 0). Returns false
   * when the condition failed (re-read and decide again). Never moves serverTime.
   */
  reviseMessage(id: string, revision: MessageRevision, expectedEdits: number): Promise<boolean>;
  /** Empties the body and marks the item deleted (a message or an edit of one). Idempotent. */
  eraseMessage(id: string): Promise<void>;
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
  /**
   * Creates or updates one contact row, stamps updatedAt = now and bumps rev (so a concurrent
   * read-modify-write of the row retries). Idempotent in effect for equal input.
   */
  upsertContact(owner: string, email: string, update: ContactUpdate, now: number): Promise<void>;
  /**
   * Writes the mutation-managed fields of one row (never lastMessageAt), stamps updatedAt and
   * sets rev = expectedRev + 1, only if the row's rev is still `expectedRev` (`null`: only if
   * the row does not exist; a row without rev counts as 0). Returns false when it changed.
   * Receipt marks absent from `state` are left as they are.
   */
  writeContact(
    owner: string,
    email: string,
    state: ContactState,
    expectedRev: number | null,
    now: number,
  ): Promise<boolean>;
  /** Reads the "changed since" index (eventually consistent): rows with updatedAt > after. */
  queryContactsChangedSince(owner: string, after: number): Promise<StoredContact[]>;

  /** Conditional put keyed by (reported, id). Returns false when it already exists. */
  putReport(report: StoredReport): Promise<boolean>;

  /**
   * Atomically takes up to `wanted` units from the owner's counter for `bucket` (a window),
   * never letting it pass `limit`, and returns how many it took (0..wanted). The counter
   * expires at `expiresAt` (ms).
   */
  takeRate(
    owner: string,
    bucket: string,
    wanted: number,
    limit: number,
    expiresAt: number,
  ): Promise<number>;
}
