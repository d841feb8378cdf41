import type { MutationResult, SyncRequest } from '../protocol/index.ts';
import type { FanOut } from './fan-out.ts';

/**
 * Who to poke after a batch, from the validated request and the core's results: nobody when
 * nothing was applied; otherwise the sender's other devices, and each recipient of a
 * message.send that was applied (or found pending and completed on a retry, "duplicate": its
 * first attempt may have died before poking).
 */
/** Mutations whose peer must pull (a hide, delete for me, concerns only my own devices). */
const pokesPeer = new Set(['message.send', 'message.edit', 'message.delete']);

export function pokeTargets(request: SyncRequest, results: MutationResult[]) {
  const applied = new Set(results.filter((r) => r.status !== 'rejected').map((r) => r.id));
  if (applied.size === 0) return null;
  const recipients = request.mutations
    .filter((m) => pokesPeer.has(m.type) && applied.has(m.id))
    .map((m) => (m as { to?: unknown; peer?: unknown }).to ?? (m as { peer?: unknown }).peer)
    .filter((to): to is string => typeof to === 'string');
  // A receipt that moved a row may have moved the peer's (their ticks): poke them too.
  const byId = new Map(results.map((r) => [r.id, r.status]));
  for (const m of request.mutations) {
    const to = (m as { email?: unknown }).email;
    if (m.type.startsWith('receipt.') && byId.get(m.id) === 'applied' && typeof to === 'string') {
      recipients.push(to);
    }
  }
  return { clientId: request.clientId, recipients };
}

/**
 * Pokes, waiting at most `budgetMs` so a slow or failing post never holds the sync up for
 * long; what is left carries on in the background. Never throws: a lost poke only delays
 * delivery until the next pull.
 */
export async function pokeAfterSync(
  fanOut: FanOut,
  me: string,
  request: SyncRequest,
  results: MutationResult[],
  budgetMs: number,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const targets = pokeTargets(request, results);
    if (!targets) return;
    const work = fanOut.pokeAfterSync(me, targets.clientId, targets.recipients);
    const budget = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, budgetMs);
    });
    await Promise.race([work, budget]);
  } catch (error) {
    console.warn('realtime: poke skipped', error);
  } finally {
    clearTimeout(timer);
  }
}
