/**
 * Who is connected: one row per open socket. Rows are hints, never data: a missing row costs a
 * poke (the device pulls on its next reconnect or poll), a stale row costs one post that answers
 * 410 Gone and deletes it.
 */
export interface Connection {
  owner: string;
  connectionId: string;
  /** The sync clientId of the device (one per user and browser), "" if unknown. */
  clientId: string;
  connectedAt: number;
  /** Epoch seconds (the DynamoDB TTL attribute): after the 2-hour connection limit. */
  expiresAt: number;
}

export interface ConnectionStore {
  /** Records an open connection. Idempotent: a retried $connect overwrites its own row. */
  put(connection: Connection): Promise<void>;
  /** Forgets one connection. Idempotent: removing a missing row is not an error. */
  remove(owner: string, connectionId: string): Promise<void>;
  /**
   * The owner's connections not expired at `nowSeconds` (DynamoDB deletes expired rows lazily,
   * up to days late, so expiry is also checked on read). Throws on store failure.
   */
  list(owner: string, nowSeconds: number): Promise<Connection[]>;
}

/** In-process store for tests and in-memory transports. */
export class MemoryConnectionStore implements ConnectionStore {
  private readonly rows = new Map<string, Connection>();

  async put(connection: Connection): Promise<void> {
    this.rows.set(`${connection.owner}\n${connection.connectionId}`, { ...connection });
  }

  async remove(owner: string, connectionId: string): Promise<void> {
    this.rows.delete(`${owner}\n${connectionId}`);
  }

  async list(owner: string, nowSeconds: number): Promise<Connection[]> {
    return [...this.rows.values()]
      .filter((c) => c.owner === owner && c.expiresAt > nowSeconds)
      .map((c) => ({ ...c }));
  }

  /** Every row, expired or not (tests). */
  all(): Connection[] {
    return [...this.rows.values()].map((c) => ({ ...c }));
  }
}
