import { createSyncCore, processSync, type SyncCore } from '@chatscape/sync-api/core';
import { MemorySyncStore } from '@chatscape/sync-api/memory-store';
import { PROTOCOL_VERSION, type SyncResponse } from '@chatscape/sync-api/protocol';
import { newId } from '../lib/uuid.ts';
import { MemorySyncTransport } from './memory-sync-transport.ts';
import type { SyncTransport } from './transport.ts';

export const DEMO_BOT = 'echo@demo.chatscape.app';

export interface DemoServer {
  transport: SyncTransport;
  /** Called when the bot has written something the user should pull. */
  onActivity(listener: () => void): void;
}

/**
 * Demo mode's server: the real sync core over an in-memory store, inside the page. Nothing
 * leaves the device and it starts empty on every load (the device's database keeps the
 * history). An echo bot answers, so the whole round trip can be tried without an account.
 * Import it lazily (`import('./memory.ts')`): the core then stays out of the main bundle.
 */
export async function createDemoServer(self: string, welcome: boolean): Promise<DemoServer> {
  const core = createSyncCore({ store: new MemorySyncStore() });
  const listeners: Array<() => void> = [];
  const bot = createEchoBot(core, processSync, self, () => {
    for (const listener of listeners) listener();
  });
  if (welcome) await bot.say('Hi! This is the demo echo bot. Accept, then write me something.');
  const transport = new MemorySyncTransport({
    core,
    authenticate: () => self,
    afterSync: (ns) => {
      if (ns === self) setTimeout(() => void bot.answer(), 600);
    },
  });
  return { transport, onActivity: (listener) => listeners.push(listener) };
}

type ProcessSync = typeof processSync;

function createEchoBot(core: SyncCore, process: ProcessSync, self: string, notify: () => void) {
  const clientId = crypto.randomUUID();
  let cursor: string | null = null;
  const request = async (mutations: object[]) => {
    const body = { v: PROTOCOL_VERSION, clientId, cursor, mutations };
    const result = await process(core, DEMO_BOT, JSON.stringify(body));
    const response = result.body as SyncResponse;
    if (result.statusCode === 200) cursor = response.cursor;
    return result.statusCode === 200 ? response.changes.messages : [];
  };
  const say = async (text: string) => {
    const now = Date.now();
    await request([{ id: newId(now), type: 'message.send', to: self, body: text, sentAt: now }]);
    notify();
  };
  return {
    say,
    async answer() {
      const incoming = (await request([])).filter((m) => m.sender === self && !m.deleted);
      // The bot reads what it answers: the demo shows ticks move to Read.
      const newest = Math.max(-1, ...incoming.map((m) => m.serverTime));
      if (newest >= 0) {
        await request([{ id: newId(), type: 'receipt.read', email: self, readAt: newest }]);
      }
      for (const m of incoming) await say(`You said: ${m.body}`);
    },
  };
}
