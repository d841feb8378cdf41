import type { SyncStore } from '../store/sync-store.ts';
import type { ConnectionStore } from './connection-store.ts';
import type { ConnectionPoster } from './poster.ts';
import { poke, type ServerMessage } from './protocol.ts';

export interface FanOutDeps {
  connections: ConnectionStore;
  poster: ConnectionPoster;
  /** Contact rows decide who may hear from whom (blocks, message requests). */
  contacts: Pick<SyncStore, 'getContact'>;
  now?: () => number;
  /** Where failed posts are reported; they never fail the caller. Default console.warn. */
  warn?: (message: string, error: unknown) => void;
}

export interface DeliveryCount {
  sent: number;
  gone: number;
  failed: number;
}

export interface FanOut {
  /**
   * Sends `message` to every live connection of each owner, except those of the device
   * `exceptClientId` (it already has the change). Gone connections are deleted. Never throws.
   */
  deliver(
    owners: Iterable<string>,
    message: ServerMessage,
    exceptClientId?: string,
  ): Promise<DeliveryCount>;
  /**
   * After a sync applied writes of `me`: pokes `me`'s other devices and each recipient of a
   * message that was not hidden from them (a recipient who blocked `me` hears nothing).
   */
  pokeAfterSync(me: string, clientId: string, recipients: Iterable<string>): Promise<DeliveryCount>;
  /**
   * "me is typing" to `to`'s devices, only between two accepted, unblocked contacts (never to
   * or from a blocked peer, never for a message request). Stored nowhere. Returns whether sent.
   */
  typing(me: string, to: string): Promise<boolean>;
}

export function createFanOut(deps: FanOutDeps): FanOut {
  const now = deps.now ?? Date.now;
  const warn = deps.warn ?? ((message, error) => console.warn(message, error));

  async function deliver(owners: Iterable<string>, message: ServerMessage, exceptClientId = '') {
    const count: DeliveryCount = { sent: 0, gone: 0, failed: 0 };
    const data = JSON.stringify(message);
    const nowSeconds = Math.floor(now() / 1000);
    await Promise.all(
      [...new Set(owners)].map(async (owner) => {
        let connections: Awaited<ReturnType<ConnectionStore['list']>>;
        try {
          connections = await deps.connections.list(owner, nowSeconds);
        } catch (error) {
          count.failed += 1;
          warn('realtime: cannot list connections', error);
          return;
        }
        const targets = connections.filter((c) => !exceptClientId || c.clientId !== exceptClientId);
        await Promise.all(
          targets.map(async (c) => {
            try {
              if ((await deps.poster.post(c.connectionId, data)) === 'sent') {
                count.sent += 1;
                return;
              }
              count.gone += 1;
              await deps.connections.remove(owner, c.connectionId);
            } catch (error) {
              count.failed += 1;
              warn('realtime: post failed', error);
            }
          }),
        );
      }),
    );
    return count;
  }

  async function notHiddenFrom(me: string, recipient: string): Promise<boolean> {
    // The same rule as message.send: the recipient's own row says whether they blocked `me`.
    const view = await deps.contacts.getContact(recipient, me);
    return view?.blocked !== true;
  }

  return {
    deliver,
    async pokeAfterSync(me, clientId, recipients) {
      const peers = [...new Set(recipients)].filter((r) => r !== me);
      const [own, ...others] = await Promise.all([
        deliver([me], poke, clientId),
        ...peers.map(async (peer) => {
          try {
            if (await notHiddenFrom(me, peer)) return deliver([peer], poke);
          } catch (error) {
            warn('realtime: cannot read the recipient contact row', error);
          }
          return { sent: 0, gone: 0, failed: 0 };
        }),
      ]);
      return [own, ...others].reduce(
        (sum, c) => ({
          sent: sum.sent + (c?.sent ?? 0),
          gone: sum.gone + (c?.gone ?? 0),
          failed: sum.failed + (c?.failed ?? 0),
        }),
        { sent: 0, gone: 0, failed: 0 },
      );
    },
    async typing(me, to) {
      if (me === to) return false;
      const [mine, theirs] = await Promise.all([
        deps.contacts.getContact(me, to),
        deps.contacts.getContact(to, me),
      ]);
      const accepted = (row: typeof mine) => row !== undefined && !row.blocked && !row.request;
      if (!accepted(mine) || !accepted(theirs)) return false;
      const count = await deliver([to], { type: 'typing', from: me });
      return count.sent > 0;
    },
  };
}
