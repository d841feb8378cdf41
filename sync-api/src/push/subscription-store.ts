import { createHash } from 'node:crypto';

/** One device's push subscription, as the subscriptions table keeps it (tables.json). */
export interface PushSubscriptionRow {
  owner: string;
  /** sha256 of the endpoint, hex: the range key (endpoints are long URLs). */
  endpointHash: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  /** ms, first subscribe of this endpoint. */
  createdAt: number;
  /** ms, the last push the push service accepted (or the subscribe). */
  lastUsedAt: number;
}

export const endpointHash = (endpoint: string) =>
  createHash('sha256').update(endpoint).digest('hex');

/**
 * The subscriptions table. Subscribe and unsubscribe are last-writer-wins by the mutation's
 * version (UUIDv7 time then id, as contact mutations): a late or concurrent replay of an older
 * one changes nothing. An unsubscribe leaves a keyless tombstone (with a TTL) that remembers
 * its version, so a delayed older subscribe cannot bring the endpoint back.
 */
export interface SubscriptionStore {
  /**
   * Records (or refreshes the keys of) `row` unless a newer version is stored. Returns false
   * when nothing changed (an older or the same mutation). Idempotent; throws on store failure.
   */
  subscribe(row: PushSubscriptionRow, version: string): Promise<boolean>;
  /** Tombstones the endpoint unless a newer version is stored; false when nothing changed. */
  unsubscribe(
    owner: string,
    endpoint: string,
    version: string,
    now: number,
    expiresAt: number,
  ): Promise<boolean>;
  /** The owner's live subscriptions (tombstones left out). */
  list(owner: string): Promise<PushSubscriptionRow[]>;
  /** Forgets a subscription the push service called gone (404/410). Idempotent. */
  remove(owner: string, endpointHash: string): Promise<void>;
  /** Stamps lastUsedAt after an accepted push. Never recreates a removed row. */
  touch(owner: string, endpointHash: string, now: number): Promise<void>;
}

interface Stored {
  row: PushSubscriptionRow | null;
  version: string;
}

/** In memory, for unit tests and in-process stacks. */
export class MemorySubscriptionStore implements SubscriptionStore {
  readonly rows = new Map<string, Stored>();

  private key = (owner: string, hash: string) => `${owner}\n${hash}`;

  async subscribe(row: PushSubscriptionRow, version: string) {
    const key = this.key(row.owner, row.endpointHash);
    const current = this.rows.get(key);
    if (current && current.version >= version) return false;
    const createdAt = current?.row?.createdAt ?? row.createdAt;
    this.rows.set(key, { row: { ...row, createdAt }, version });
    return true;
  }

  async unsubscribe(owner: string, endpoint: string, version: string) {
    const key = this.key(owner, endpointHash(endpoint));
    const current = this.rows.get(key);
    if (current && current.version >= version) return false;
    this.rows.set(key, { row: null, version });
    return true;
  }

  async list(owner: string) {
    return [...this.rows.entries()]
      .filter(([key, s]) => key.startsWith(`${owner}\n`) && s.row)
      .map(([, s]) => ({ ...(s.row as PushSubscriptionRow) }));
  }

  async remove(owner: string, hash: string) {
    this.rows.delete(this.key(owner, hash));
  }

  async touch(owner: string, hash: string, now: number) {
    const current = this.rows.get(this.key(owner, hash));
    if (current?.row) current.row.lastUsedAt = now;
  }
}
