import type { SyncResponse } from '../protocol/index.ts';
import type { FanOut } from './fan-out.ts';

interface RawRequest {
  clientId?: unknown;
  mutations?: { id?: unknown; type?: unknown; to?: unknown }[];
}

/**
 * Who to poke after a sync, from the request the handler already validated and the core's
 * results: nobody when nothing was applied; otherwise the sender's other devices, and each
 * recipient of a message.send that was applied (or found pending and completed on a retry,
 * "duplicate": its first attempt may have died before poking).
 */
export function pokeTargets(rawBody: string, response: SyncResponse) {
  const applied = new Set(response.results.filter((r) => r.status !== 'rejected').map((r) => r.id));
  if (applied.size === 0) return null;
  const request = JSON.parse(rawBody) as RawRequest;
  const recipients = (request.mutations ?? [])
    .filter(
      (m) => m.type === 'message.send' && applied.has(String(m.id)) && typeof m.to === 'string',
    )
    .map((m) => String(m.to));
  const clientId = typeof request.clientId === 'string' ? request.clientId : '';
  return { clientId, recipients };
}

/**
 * Pokes after the response is computed, waiting at most `budgetMs` so a slow or failing post
 * never holds the sync up for long; what is left carries on in the background. Never throws: a
 * lost poke only delays delivery until the next pull.
 */
export async function pokeAfterSync(
  fanOut: FanOut,
  me: string,
  rawBody: string,
  response: SyncResponse,
  budgetMs: number,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const targets = pokeTargets(rawBody, response);
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
