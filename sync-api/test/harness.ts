import { randomBytes } from 'node:crypto';
import { processSync } from '../src/core/process-sync.ts';
import { createSyncCore, type SyncCoreOptions } from '../src/core/sync-core.ts';
import type { MutationInput, SyncResponse } from '../src/protocol/index.ts';
import type { SyncStore } from '../src/store/sync-store.ts';

export const alice = 'alice@example.com';
export const bob = 'bob@example.com';
export const carol = 'carol@example.com';

/** A manual clock: tests move time explicitly. */
export function manualClock(start = 1_700_000_000_000) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

let v7Time = 1_699_000_000_000;

/**
 * A UUIDv7 like the web client's (web/src/lib/uuid.ts): contact mutations are ordered by the
 * time inside their id. Each call is one ms later than the previous one, so mutations made
 * later in a test are newer, and ids stay before the manual clock's start.
 */
export function v7(time = v7Time++): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(time, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const randomUUID = () => v7();

export const send = (to: string, body: string, id = randomUUID()): MutationInput => ({
  id,
  type: 'message.send',
  to,
  body,
  sentAt: 1_700_000_000_000,
});

export const add = (email: string, name: string, id = randomUUID()): MutationInput => ({
  id,
  type: 'contact.add',
  email,
  name,
});

/** A device of one user: keeps its cursor and drains pulls like the client does. */
export function harness(store: SyncStore, options: Omit<SyncCoreOptions, 'store'> = {}) {
  const core = createSyncCore({ store, ...options });
  const clientId = randomUUID();
  return {
    core,
    async call(me: string, body: unknown) {
      return processSync(core, me, JSON.stringify(body));
    },
    async sync(me: string, mutations: MutationInput[], cursor: string | null = null) {
      const res = await processSync(
        core,
        me,
        JSON.stringify({ v: 1, clientId, cursor, mutations }),
      );
      if (res.statusCode !== 200)
        throw new Error(`sync ${res.statusCode} ${JSON.stringify(res.body)}`);
      return res.body as SyncResponse;
    },
    device(me: string) {
      let cursor: string | null = null;
      const messages = new Map<string, SyncResponse['changes']['messages'][number]>();
      const contacts = new Map<string, SyncResponse['changes']['contacts'][number]>();
      const self = {
        messages,
        contacts,
        async push(mutations: MutationInput[]) {
          const res = await self.pullOnce(mutations);
          let last = res;
          while (last.more) last = await self.pullOnce([]);
          return res;
        },
        async pullOnce(mutations: MutationInput[] = []) {
          const res = await processSync(
            core,
            me,
            JSON.stringify({ v: 1, clientId, cursor, mutations }),
          );
          if (res.statusCode !== 200) throw new Error(`sync ${res.statusCode}`);
          const body = res.body as SyncResponse;
          for (const m of body.changes.messages) messages.set(m.id, m);
          for (const c of body.changes.contacts) contacts.set(c.email, c);
          cursor = body.cursor;
          return body;
        },
        async drain() {
          while ((await self.pullOnce([])).more);
        },
        bodies(peer: string) {
          return [...messages.values()]
            .filter((m) => m.sender === peer || m.recipient === peer)
            .sort((a, b) => a.serverTime - b.serverTime || (a.id < b.id ? -1 : 1))
            .map((m) => m.body);
        },
      };
      return self;
    },
  };
}
