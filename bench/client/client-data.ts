/**
 * The client's data set on the server: 200 contacts, one conversation of 10,000 messages
 * (spread over 30 days, so the log has day separators) and one message with each of the
 * other 199. The real pull of it is captured once over HTTP: it is what apply is fed.
 */
import type { SyncResponse } from '../../sync-api/src/protocol/index.ts';
import type { BenchStack } from '../server/bench-stack.ts';
import { messageText, peerEmails } from '../server/seed.ts';
import type { SyncClient } from '../server/sync-client.ts';

export interface ClientData {
  email: string;
  password: string;
  peers: string[];
  big: string;
  /** Body of the newest message of the big conversation. */
  newestBig: string;
  small: string;
  contacts: number;
  messages: number;
  bigMessages: number;
  pull: SyncResponse[];
}

/**
 * One page of the pull, retried (at most 3 attempts) when the server fails, as the app's sync
 * loop retries a 5xx: on a loaded machine the local stack sometimes answers 500 mid-pull.
 */
async function pullPage(client: SyncClient, cursor: string | null) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.sync(cursor);
    } catch (error) {
      if (attempt === 3 || !String(error).includes('sync answered 5')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

export const clientAccount = { email: 'bench-client@example.com', password: 'bench-password' };

export async function seedClientData(
  bench: BenchStack,
  client: SyncClient,
  sizes: { contacts: number; messages: number },
): Promise<ClientData> {
  const { email, password } = clientAccount;
  const peers = peerEmails('client', sizes.contacts);
  const [big, ...others] = peers as [string, ...string[]];
  const now = Date.now();
  const days = 30 * 86_400_000;
  await bench.seed.history({
    owner: email,
    peers: [big],
    from: 0,
    to: sizes.messages,
    t0: now - days - 3_600_000,
    stepMs: days / sizes.messages,
  });
  await bench.seed.history({
    owner: email,
    peers: others,
    from: 0,
    to: others.length,
    t0: now - 3 * 86_400_000,
    stepMs: 600_000,
  });
  const pull: SyncResponse[] = [];
  let cursor: string | null = null;
  for (let more = true; more && pull.length < 1000; ) {
    const call = await pullPage(client, cursor);
    pull.push(call.body);
    cursor = call.body.cursor;
    more = call.body.more;
  }
  const messages = pull.reduce((n, p) => n + p.changes.messages.length, 0);
  return {
    email,
    password,
    peers,
    big,
    newestBig: messageText(sizes.messages - 1),
    small: others[0] as string,
    contacts: sizes.contacts,
    messages,
    bigMessages: sizes.messages,
    pull,
  };
}
