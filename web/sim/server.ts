import { createSyncCore, processSync, type SyncCore } from '@chatscape/sync-api/core';
import type { SyncRequest } from '@chatscape/sync-api/protocol';
import type { SyncStore } from '../../sync-api/src/store/sync-store.ts';
import { SyncError, syncErrorCodes } from '../src/sync/errors.ts';
import { readSyncAnswer } from '../src/sync/read-response.ts';
import type { SyncTransport } from '../src/sync/transport.ts';

/** One thing the server's store linearized: what the history checker reasons about. */
export type StoreEvent =
  | { kind: 'block'; owner: string; peer: string; blocked: boolean; seq: number }
  | { kind: 'complete'; id: string; hidden: boolean; seq: number };

export type ServerFault =
  | 'none'
  | 'drop-request'
  | 'lose-response'
  | 'twice'
  | 'delay'
  | 'status-500'
  | 'status-429'
  | 'crash';

/**
 * The simulated backend: one store (its writes logged in the order they happen), several Lambda
 * "instances" whose clocks are stepped against each other, and a crash switch that kills a
 * request between two store calls.
 */
export class SimServer {
  readonly events: StoreEvent[] = [];
  /** Requests held back by a `delay` fault, delivered later (reordered, possibly duplicated). */
  readonly delayed: Array<{ namespace: string; body: string }> = [];
  readonly stats = { requests: 0, faults: 0 };
  private readonly cores: SyncCore[];
  private crashAfter: number | null = null;
  private seq = 0;

  constructor(
    readonly store: SyncStore,
    clock: () => number,
    instanceOffsetsMs: number[],
    overlapMs: number,
    private readonly tokens: TokenAuthority,
  ) {
    const logged = this.logging(store);
    this.cores = instanceOffsetsMs.map((offset) =>
      createSyncCore({
        store: logged,
        now: () => clock() + offset,
        overlapMs,
        rateLimitPerMinute: 1e9,
      }),
    );
  }

  /** Wraps the store: logs the linearization and implements the crash switch. */
  private logging(store: SyncStore): SyncStore {
    const next = () => {
      if (this.crashAfter !== null && this.crashAfter-- <= 0) {
        this.crashAfter = null;
        throw new Error('instance crashed');
      }
    };
    return new Proxy(store, {
      get: (target, prop, receiver) => {
        const fn = Reflect.get(target, prop, receiver);
        if (typeof fn !== 'function') return fn;
        return async (...args: unknown[]) => {
          next();
          const result = await fn.apply(target, args);
          if (prop === 'upsertContact') {
            const [owner, peer, update] = args as [string, string, { set: { blocked?: boolean } }];
            if (update.set.blocked !== undefined) {
              this.events.push({
                kind: 'block',
                owner,
                peer,
                blocked: update.set.blocked,
                seq: this.seq++,
              });
            }
          }
          if (prop === 'completeMessage') {
            const [id, , hidden] = args as [string, number, boolean];
            this.events.push({ kind: 'complete', id, hidden, seq: this.seq++ });
          }
          return result;
        };
      },
    });
  }

  async handle(namespace: string, body: string, instance: number) {
    this.stats.requests++;
    const core = this.cores[instance % this.cores.length] as SyncCore;
    return processSync(core, namespace, body);
  }

  /** A transport for one device, whose next request suffers `nextFault`. */
  transport(device: { instance: number; nextFault: ServerFault; crashAt: number }): SyncTransport {
    return {
      sync: async (request: SyncRequest, idToken: string): ReturnType<SyncTransport['sync']> => {
        const fault = device.nextFault;
        device.nextFault = 'none';
        if (fault !== 'none') this.stats.faults++;
        const namespace = this.tokens.verify(idToken);
        if (namespace === null) return readSyncAnswer(401, { message: 'Unauthorized' }, null);
        const body = JSON.stringify(request);
        if (fault === 'drop-request') throw new SyncError(syncErrorCodes.network, 'dropped');
        if (fault === 'status-429') return readSyncAnswer(429, { message: 'slow down' }, '1');
        if (fault === 'status-500') return readSyncAnswer(500, { message: 'internal' }, null);
        if (fault === 'delay') {
          this.delayed.push({ namespace, body });
          throw new SyncError(syncErrorCodes.network, 'timed out (request still in flight)');
        }
        if (fault === 'crash') this.crashAfter = device.crashAt;
        let result = await this.handle(namespace, body, device.instance);
        this.crashAfter = null;
        if (fault === 'twice') result = await this.handle(namespace, body, device.instance + 1);
        if (fault === 'lose-response') throw new SyncError(syncErrorCodes.network, 'response lost');
        const answer: unknown = JSON.parse(JSON.stringify(result.body));
        return readSyncAnswer(result.statusCode, answer, result.headers['retry-after']);
      },
    };
  }

  /** Delivers the oldest held-back request now (its answer goes nowhere). */
  async deliverDelayed(instance: number) {
    const held = this.delayed.shift();
    if (held) await this.handle(held.namespace, held.body, instance);
  }
}

/** Tokens are `user|epoch`; expiring a user's token bumps the epoch the server accepts. */
export class TokenAuthority {
  private readonly epochs = new Map<string, number>();

  issue(user: string): string {
    return `${user}|${this.epochs.get(user) ?? 0}`;
  }

  expire(user: string) {
    this.epochs.set(user, (this.epochs.get(user) ?? 0) + 1);
  }

  verify(token: string): string | null {
    const [user, epoch] = token.split('|');
    if (!user || Number(epoch) !== (this.epochs.get(user) ?? 0)) return null;
    return user;
  }
}
