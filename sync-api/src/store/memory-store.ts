import type {
  ContactState,
  ContactUpdate,
  MessagePage,
  MessagePosition,
  MessageRevision,
  NewMessage,
  RowExtras,
  StoredContact,
  StoredMessage,
  StoredReport,
  SyncStore,
} from './sync-store.ts';

export interface MemorySyncStoreOptions {
  /** Clock used for the index-lag model. */
  now?: () => number;
  /**
   * How long a write takes to show in the indexes (a GSI is eventually consistent). Called per
   * write; 0 by default. The simulator uses it to model GSI lag.
   */
  indexLagMs?: () => number;
}

interface Indexed<T> {
  value: T;
  /** The index shows this version from visibleAt on; the previous one until then. */
  visibleAt: number;
  previous?: Indexed<T>;
}

const pickMarks = (c: StoredContact): RowExtras => ({
  ...(c.readAt !== undefined && { readAt: c.readAt }),
  ...(c.peerReadAt !== undefined && { peerReadAt: c.peerReadAt }),
  ...(c.peerDeliveredAt !== undefined && { peerDeliveredAt: c.peerDeliveredAt }),
  ...(c.draft !== undefined && { draft: c.draft }),
  ...(c.draftVersion !== undefined && { draftVersion: c.draftVersion }),
  ...(c.muted !== undefined && { muted: c.muted }),
  ...(c.muteVersion !== undefined && { muteVersion: c.muteVersion }),
  ...(c.clearedAt !== undefined && { clearedAt: c.clearedAt }),
  ...(c.readReceipts !== undefined && { readReceipts: c.readReceipts }),
  ...(c.readReceiptsVersion !== undefined && { readReceiptsVersion: c.readReceiptsVersion }),
});

const compareMessages = (a: MessagePosition, b: MessagePosition) =>
  a.serverTime - b.serverTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * In-memory SyncStore for unit tests, the simulator and the serverless demo. Base reads are
 * strongly consistent; index reads can lag behind writes (see indexLagMs). Counts requests the
 * way DynamoDB would bill them (one per call).
 */
export class MemorySyncStore implements SyncStore {
  readonly stats = { requests: 0 };
  private readonly messages = new Map<string, Indexed<StoredMessage>>();
  private readonly contacts = new Map<string, Indexed<StoredContact>>();
  private readonly reports = new Map<string, StoredReport>();
  private readonly counters = new Map<string, number>();
  private readonly now: () => number;
  private readonly lag: () => number;

  constructor(options: MemorySyncStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.lag = options.indexLagMs ?? (() => 0);
  }

  private write<T>(map: Map<string, Indexed<T>>, key: string, value: T): void {
    const now = this.now();
    const previous = map.get(key);
    // Versions older than one the index already shows can never be read again.
    if (previous && previous.visibleAt <= now) previous.previous = undefined;
    map.set(key, { value, visibleAt: now + this.lag(), previous });
  }

  /** The version an index read sees now. */
  private visible<T>(entry: Indexed<T> | undefined): T | undefined {
    let e = entry;
    const now = this.now();
    while (e && e.visibleAt > now) e = e.previous;
    return e?.value;
  }

  async putMessageIfAbsent(message: NewMessage): Promise<boolean> {
    this.stats.requests++;
    if (this.messages.has(message.id)) return false;
    this.write(this.messages, message.id, { ...message, state: 'pending', hidden: false });
    return true;
  }

  async getMessage(id: string): Promise<StoredMessage | undefined> {
    this.stats.requests++;
    const m = this.messages.get(id)?.value;
    return m && { ...m };
  }

  async completeMessage(id: string, serverTime: number, hidden: boolean): Promise<void> {
    this.stats.requests++;
    const m = this.messages.get(id)?.value;
    if (!m) throw new Error(`completeMessage: no message ${id}`);
    // serverTime only moves forward (as the DynamoDB store's condition).
    if (m.serverTime !== undefined && m.serverTime >= serverTime) return;
    this.write(this.messages, id, { ...m, state: 'done', serverTime, hidden });
  }

  async reviseMessage(id: string, revision: MessageRevision, expectedEdits: number) {
    this.stats.requests++;
    const m = this.messages.get(id)?.value;
    if (m?.state !== 'done' || m.deleted || (m.editIds?.length ?? 0) !== expectedEdits) {
      return false;
    }
    this.write(this.messages, id, { ...m, ...revision, editIds: [...revision.editIds] });
    return true;
  }

  async eraseMessage(id: string): Promise<void> {
    this.stats.requests++;
    const m = this.messages.get(id)?.value;
    if (!m) throw new Error(`eraseMessage: no message ${id}`);
    this.write(this.messages, id, { ...m, body: '', deleted: true });
  }

  async queryConversation(
    compositeNamespace: string,
    after: number,
    start: MessagePosition | undefined,
    limit: number,
  ): Promise<MessagePage> {
    this.stats.requests++;
    const all: StoredMessage[] = [];
    for (const entry of this.messages.values()) {
      const m = this.visible(entry);
      if (m?.compositeNamespace !== compositeNamespace || m.serverTime === undefined) continue;
      if (m.serverTime <= after) continue;
      if (start && compareMessages(m as MessagePosition, start) <= 0) continue;
      all.push({ ...m, ...(m.editIds && { editIds: [...m.editIds] }) });
    }
    all.sort((a, b) => compareMessages(a as MessagePosition, b as MessagePosition));
    const items = all.slice(0, limit);
    const lastItem = items.at(-1);
    return all.length > limit && lastItem
      ? { items, last: { serverTime: lastItem.serverTime as number, id: lastItem.id } }
      : { items };
  }

  async getContact(owner: string, email: string): Promise<StoredContact | undefined> {
    this.stats.requests++;
    const c = this.contacts.get(`${owner}\n${email}`)?.value;
    return c && { ...c, blockLog: c.blockLog.map((t) => ({ ...t })) };
  }

  async upsertContact(owner: string, email: string, update: ContactUpdate, now: number) {
    this.stats.requests++;
    const key = `${owner}\n${email}`;
    const existing = this.contacts.get(key)?.value;
    const defaults: StoredContact = {
      owner,
      email,
      name: '',
      blocked: false,
      request: false,
      reported: false,
      updatedAt: now,
      lastMessageAt: null,
      blockLog: [],
      rev: 0,
    };
    const next: StoredContact = {
      ...defaults,
      ...update.ifAbsent,
      ...existing,
      ...update.set,
      updatedAt: now,
      rev: (existing?.rev ?? 0) + 1,
    };
    this.write(this.contacts, key, next);
  }

  async writeContact(
    owner: string,
    email: string,
    state: ContactState,
    expectedRev: number | null,
    now: number,
  ): Promise<boolean> {
    this.stats.requests++;
    const key = `${owner}\n${email}`;
    const existing = this.contacts.get(key)?.value;
    if (expectedRev === null ? existing : existing?.rev !== expectedRev) return false;
    const next: StoredContact = {
      owner,
      email,
      lastMessageAt: existing?.lastMessageAt ?? null,
      // Like lastMessageAt, only sends and events move lastEventAt (message-events.ts).
      ...(existing?.lastEventAt !== undefined && { lastEventAt: existing.lastEventAt }),
      // Receipt marks the state does not name stay (as DynamoDB's SET leaves other attributes).
      ...(existing && pickMarks(existing)),
      ...state,
      blockLog: state.blockLog.map((t) => ({ ...t })),
      updatedAt: now,
      rev: (expectedRev ?? 0) + 1,
    };
    this.write(this.contacts, key, next);
    return true;
  }

  async queryContactsChangedSince(owner: string, after: number): Promise<StoredContact[]> {
    this.stats.requests++;
    const rows: StoredContact[] = [];
    for (const entry of this.contacts.values()) {
      const c = this.visible(entry);
      if (c && c.owner === owner && c.updatedAt > after) rows.push({ ...c });
    }
    return rows.sort((a, b) => a.updatedAt - b.updatedAt);
  }

  async putReport(report: StoredReport): Promise<boolean> {
    this.stats.requests++;
    const key = `${report.reported}\n${report.id}`;
    if (this.reports.has(key)) return false;
    this.reports.set(key, { ...report });
    return true;
  }

  async takeRate(owner: string, bucket: string, wanted: number, limit: number) {
    this.stats.requests++;
    const key = `${owner}\n${bucket}`;
    const used = this.counters.get(key) ?? 0;
    const taken = Math.max(0, Math.min(wanted, limit - used));
    this.counters.set(key, used + taken);
    return taken;
  }

  /** Everything stored, for tests that compare whole server states. */
  snapshot() {
    const latest = <T>(m: Map<string, Indexed<T>>) =>
      [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, e]) => e.value);
    return {
      messages: latest(this.messages),
      contacts: latest(this.contacts),
      reports: [...this.reports.values()],
    };
  }

  /** All reports, as an operator would list them. */
  listReports(): StoredReport[] {
    return [...this.reports.values()];
  }
}
