/**
 * Seeds history straight into dynalite with BatchWriteItem: 50,000 messages through the API
 * would take minutes. Rows are shaped exactly as DynamoSyncStore leaves them after a completed
 * message.send (state 'done', serverTime, compositeNamespace, hidden false) and as its contact
 * upserts leave both participants' rows (updatedAt = lastMessageAt = the last stamp).
 */
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { compositeNamespace } from '../../sync-api/src/protocol/index.ts';
import type { TableNames } from '../../sync-api/src/store/tables.ts';

type Row = Record<string, unknown>;

const words =
  'ok see you at the station tomorrow sounds good did you get my photo lunch later'.split(' ');

/** 20–90 characters of plausible chat text, deterministic in i. */
export function messageText(i: number): string {
  const parts = [`#${i}`];
  for (let k = 0; parts.join(' ').length < 20 + ((i * 37) % 70); k++) {
    parts.push(words[(i * 7 + k * 3) % words.length] as string);
  }
  return parts.join(' ');
}

export function messageRow(sender: string, recipient: string, serverTime: number, i: number): Row {
  return {
    id: randomUUID(),
    sender,
    recipient,
    body: messageText(i),
    sentAt: serverTime - 40,
    compositeNamespace: compositeNamespace(sender, recipient),
    state: 'done',
    hidden: false,
    serverTime,
  };
}

export function contactRow(
  owner: string,
  email: string,
  at: number,
  lastMessageAt: number | null,
): Row {
  return {
    owner,
    email,
    name: email.split('@')[0],
    blocked: false,
    request: false,
    reported: false,
    updatedAt: at,
    lastMessageAt,
  };
}

/** BatchWriteItem in chunks of 25, a few in flight, retrying unprocessed items. */
export async function batchPut(db: DynamoDBDocumentClient, table: string, rows: Row[]) {
  const chunks: Row[][] = [];
  for (let i = 0; i < rows.length; i += 25) chunks.push(rows.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      let pending = (chunks[next++] as Row[]).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 20) throw new Error(`BatchWrite to ${table} kept leaving items unprocessed`);
        const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

export interface HistorySpec {
  owner: string;
  peers: string[];
  /** Messages [from, to) of the owner's history: message i is with peers[i % peers.length]. */
  from: number;
  to: number;
  /** serverTime of message i is `t0 + i * stepMs` (rounded down). */
  t0: number;
  stepMs: number;
}

export const peerEmails = (prefix: string, count: number) =>
  Array.from(
    { length: count },
    (_, j) => `${prefix}-peer${String(j).padStart(3, '0')}@example.com`,
  );

/**
 * Adds messages [from, to) of a history spread round-robin over `peers` (alternating who
 * sends), then writes both contact rows of every conversation as the sends would have left
 * them. Peers with no message yet get a row with lastMessageAt null, as contact.add leaves it.
 */
export async function seedHistory(
  db: DynamoDBDocumentClient,
  tables: TableNames,
  spec: HistorySpec,
) {
  const { owner, peers, t0, stepMs } = spec;
  const stamp = (i: number) => Math.floor(t0 + i * stepMs);
  const messages: Row[] = [];
  for (let i = spec.from; i < spec.to; i++) {
    const peer = peers[i % peers.length] as string;
    const [sender, recipient] = i % 2 === 0 ? [owner, peer] : [peer, owner];
    messages.push(messageRow(sender, recipient, stamp(i), i));
  }
  await batchPut(db, tables.messages, messages);
  const contacts: Row[] = [];
  peers.forEach((peer, j) => {
    // The last message with peer j: the largest i < to with i % peers.length === j.
    const last = spec.to > j ? j + peers.length * Math.floor((spec.to - 1 - j) / peers.length) : -1;
    const lastAt = last >= 0 ? stamp(last) : null;
    const at = lastAt ?? t0 - 60_000;
    contacts.push(contactRow(owner, peer, at, lastAt), contactRow(peer, owner, at, lastAt));
  });
  await batchPut(db, tables.contacts, contacts);
  return messages.length;
}
