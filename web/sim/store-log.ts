import type { ContactState, SyncStore } from '../../sync-api/src/store/sync-store.ts';

/** One thing the server's store linearized: what the history checker reasons about. */
export type StoreEvent =
  | { kind: 'block'; owner: string; peer: string; blocked: boolean; at: number; seq: number }
  | { kind: 'complete'; id: string; serverTime: number; hidden: boolean; seq: number };

export interface StoreHooks {
  /** Throws to crash the request between two store calls. */
  beforeCall(method: string): Promise<void>;
}

const WRITES = new Set([
  'putMessageIfAbsent',
  'completeMessage',
  'upsertContact',
  'writeContact',
  // Edits and deletes (core/message-events.ts): crashes and slow writes land between them too.
  'reviseMessage',
  'eraseMessage',
]);
export const isWrite = (method: string) => WRITES.has(method);

/**
 * Wraps the store: logs the order in which block state and message completions were
 * committed, and lets the simulator act between two store calls (crash, slow write, another
 * device's sync running meanwhile).
 */
export function loggingStore(store: SyncStore, events: StoreEvent[], hooks: StoreHooks): SyncStore {
  let seq = 0;
  const blocked = new Map<string, boolean>();
  return new Proxy(store, {
    get: (target, prop, receiver) => {
      const fn = Reflect.get(target, prop, receiver);
      if (typeof fn !== 'function') return fn;
      return async (...args: unknown[]) => {
        await hooks.beforeCall(String(prop));
        const result = await fn.apply(target, args);
        if (prop === 'writeContact' && result === true) {
          const [owner, peer, state] = args as [string, string, ContactState];
          const key = `${owner}\n${peer}`;
          if ((blocked.get(key) ?? false) !== state.blocked) {
            blocked.set(key, state.blocked);
            const at = state.blockLog.at(-1)?.at ?? 0;
            events.push({ kind: 'block', owner, peer, blocked: state.blocked, at, seq: seq++ });
          }
        }
        if (prop === 'completeMessage') {
          const [id, serverTime, hidden] = args as [string, number, boolean];
          events.push({ kind: 'complete', id, serverTime, hidden, seq: seq++ });
        }
        return result;
      };
    },
  });
}
