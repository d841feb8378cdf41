import { createSyncCore, processSync, type SyncCore } from '@chatscape/sync-api/core';
import type { SyncRequest, SyncResponse } from '@chatscape/sync-api/protocol';
import type { PlantedBug } from '../../sync-api/src/core/apply-mutation.ts';
import {
  LAMBDA_RESPONSE_LIMIT_BYTES,
  lambdaPayloadBytes,
} from '../../sync-api/src/core/response-size.ts';
import type { SyncStore } from '../../sync-api/src/store/sync-store.ts';
import { SyncError, syncErrorCodes } from '../src/sync/errors.ts';
import { readSyncAnswer } from '../src/sync/read-response.ts';
import type { SyncTransport } from '../src/sync/transport.ts';
import { isWrite, loggingStore, type StoreEvent } from './store-log.ts';

export type { StoreEvent } from './store-log.ts';

export type ServerFault =
  | 'none'
  | 'drop-request'
  | 'lose-response'
  | 'twice'
  /** The same request handled twice at the same time (two flushers, a lock lost mid-request). */
  | 'concurrent'
  | 'delay'
  | 'status-500'
  | 'status-429'
  | 'crash'
  /** The request's first writes (1 to 4) take 2.5 s each, while another device syncs. */
  | 'slow'
  /** Another device syncs (its own outbox: blocks, unblocks, sends) between two store calls. */
  | 'interleave';

export interface SimServerOptions {
  clock: () => number;
  /** Moves the world's clock (a slow write takes time). */
  advance: (ms: number) => void;
  instanceOffsetsMs: number[];
  overlapMs: number;
  maxResponseBytes: number;
  plantedBugs: readonly PlantedBug[];
  /** Runs another device's sync while a request is between two store calls. */
  meanwhile: (device: number, pullOnly: boolean) => Promise<void>;
}

/** A block or unblock the server accepted (applied or duplicate), by the mutation's id. */
export interface AcceptedToggle {
  owner: string;
  peer: string;
  id: string;
  blocked: boolean;
}

/**
 * The simulated backend: one store (its commits logged in order), several Lambda "instances"
 * whose clocks are stepped against each other, and switches that act between two store calls
 * of a request: a crash, slow writes, another device's sync running meanwhile.
 */
export class SimServer {
  readonly events: StoreEvent[] = [];
  /** Requests held back by a `delay` fault, delivered later (reordered, possibly duplicated). */
  readonly delayed: Array<{ namespace: string; body: string }> = [];
  /** Every request body handled, for late replays. */
  readonly history: Array<{ namespace: string; body: string }> = [];
  readonly accepted: AcceptedToggle[] = [];
  readonly acceptedNames: Array<{ owner: string; peer: string; id: string; name: string }> = [];
  /** draft.set the server accepted (applied or duplicate): the newest must win. */
  readonly acceptedDrafts: Array<{ owner: string; peer: string; id: string; text: string }> = [];
  /** chat.mute the server accepted (applied or duplicate): the newest must win. */
  readonly acceptedMutes: Array<{ owner: string; peer: string; id: string; muted: boolean }> = [];
  /**
   * Every block, unblock and add ever sent, answered or not, by lowercase id: a request that
   * crashed after its write applied it without saying so, and a device evicted before the
   * retry never learns it. The checker judges a row by the mutation its version names.
   */
  readonly sent = new Map<
    string,
    { blocked?: boolean; name?: string; draft?: string; muted?: boolean }
  >();
  /** Answers that broke the response-size limit. */
  readonly oversize: string[] = [];
  readonly stats = { requests: 0, faults: 0 };
  private readonly cores: SyncCore[];
  private crashAfter: number | null = null;
  private interleave: { at: number; device: number } | null = null;
  private slowFor: { device: number; writes: number } | null = null;
  private nested = false;

  constructor(
    readonly store: SyncStore,
    private readonly options: SimServerOptions,
    private readonly tokens: TokenAuthority,
  ) {
    const logged = loggingStore(store, this.events, { beforeCall: (m) => this.beforeCall(m) });
    this.cores = options.instanceOffsetsMs.map((offset) =>
      createSyncCore({
        store: logged,
        now: () => options.clock() + offset,
        overlapMs: options.overlapMs,
        rateLimitPerMinute: 1e9,
        contactWritesPerMinute: 1e9,
        receiptsPerMinute: 1e9,
        maxResponseBytes: options.maxResponseBytes,
        plantedBugs: options.plantedBugs,
      }),
    );
  }

  private async beforeCall(method: string) {
    if (this.crashAfter !== null && this.crashAfter-- <= 0) {
      this.crashAfter = null;
      throw new Error('instance crashed');
    }
    if (this.nested) return;
    if (this.interleave && this.interleave.at-- <= 0) {
      const { device } = this.interleave;
      this.interleave = null;
      await this.runNested(device, false);
    }
    if (this.slowFor && this.slowFor.writes > 0 && isWrite(method)) {
      this.slowFor.writes--;
      this.options.advance(2500);
      await this.runNested(this.slowFor.device, true);
    }
  }

  private async runNested(device: number, pullOnly: boolean) {
    this.nested = true;
    try {
      await this.options.meanwhile(device, pullOnly);
    } finally {
      this.nested = false;
    }
  }

  async handle(namespace: string, body: string, instance: number) {
    this.stats.requests++;
    if (!this.nested) this.history.push({ namespace, body });
    this.recordSent(body);
    const core = this.cores[instance % this.cores.length] as SyncCore;
    const result = await processSync(core, namespace, body);
    const bytes = lambdaPayloadBytes(result);
    if (bytes > this.options.maxResponseBytes || bytes > LAMBDA_RESPONSE_LIMIT_BYTES) {
      this.oversize.push(`${namespace}: an answer of ${bytes} bytes`);
    }
    if (result.statusCode === 200)
      this.recordAccepted(namespace, body, result.body as SyncResponse);
    return result;
  }

  private recordSent(body: string) {
    let mutations: Array<{
      id?: unknown;
      type?: unknown;
      name?: unknown;
      text?: unknown;
      muted?: unknown;
    }> = [];
    try {
      mutations = (JSON.parse(body) as { mutations?: typeof mutations }).mutations ?? [];
    } catch {
      return;
    }
    for (const m of mutations) {
      if (typeof m.id !== 'string') continue;
      if (m.type === 'contact.block' || m.type === 'contact.unblock') {
        this.sent.set(m.id.toLowerCase(), { blocked: m.type === 'contact.block' });
      } else if (m.type === 'contact.add' && typeof m.name === 'string') {
        this.sent.set(m.id.toLowerCase(), { name: m.name.trim() });
      } else if (m.type === 'draft.set' && typeof m.text === 'string') {
        this.sent.set(m.id.toLowerCase(), { draft: m.text });
      } else if (m.type === 'chat.mute' && typeof m.muted === 'boolean') {
        this.sent.set(m.id.toLowerCase(), { muted: m.muted });
      }
    }
  }

  private recordAccepted(owner: string, body: string, response: SyncResponse) {
    const request = JSON.parse(body) as SyncRequest;
    const ok = new Set(
      response.results
        .filter((r) => r.status === 'applied' || r.status === 'duplicate')
        .map((r) => r.id),
    );
    for (const m of request.mutations as Array<{
      id: string;
      type: string;
      email?: string;
      name?: string;
      text?: string;
      muted?: boolean;
    }>) {
      if (!ok.has(m.id) || !m.email) continue;
      if (m.type === 'contact.block' || m.type === 'contact.unblock') {
        this.accepted.push({ owner, peer: m.email, id: m.id, blocked: m.type === 'contact.block' });
      }
      if (m.type === 'contact.add' && m.name) {
        this.acceptedNames.push({ owner, peer: m.email, id: m.id, name: m.name.trim() });
      }
      if (m.type === 'draft.set' && typeof m.text === 'string') {
        this.acceptedDrafts.push({ owner, peer: m.email, id: m.id, text: m.text });
      }
      if (m.type === 'chat.mute' && typeof m.muted === 'boolean') {
        this.acceptedMutes.push({ owner, peer: m.email, id: m.id, muted: m.muted });
      }
    }
  }

  /** A transport for one device, whose next request suffers `nextFault`. */
  transport(device: {
    index: number;
    instance: number;
    nextFault: ServerFault;
    crashAt: number;
  }): SyncTransport {
    return {
      sync: async (request: SyncRequest, idToken: string): ReturnType<SyncTransport['sync']> => {
        const fault = this.nested ? 'none' : device.nextFault;
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
        const other = (device.index + 1 + (device.crashAt % 5)) % 6;
        if (fault === 'interleave') this.interleave = { at: device.crashAt, device: other };
        if (fault === 'slow') this.slowFor = { device: other, writes: 1 + (device.crashAt % 4) };
        let result: Awaited<ReturnType<SimServer['handle']>>;
        try {
          if (fault === 'concurrent') {
            const both = await Promise.all([
              this.handle(namespace, body, device.instance),
              this.handle(namespace, body, device.instance + 1),
            ]);
            result = both[device.crashAt % 2] as (typeof both)[number];
          } else {
            result = await this.handle(namespace, body, device.instance);
          }
        } finally {
          this.crashAfter = null;
          this.interleave = null;
          this.slowFor = null;
        }
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

  /** Delivers an old request again, however long ago it was made (its answer goes nowhere). */
  async replay(pick: number, instance: number) {
    const old = this.history[pick % Math.max(1, this.history.length)];
    if (old) await this.handle(old.namespace, old.body, instance);
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
