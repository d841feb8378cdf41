import type { ChatDb } from '../db/index.ts';
import type { LocalContact, LocalMessage } from '../db/types.ts';
import { fold, wordsOf } from './words.ts';

/**
 * Offline search over the local database: every word of the query must start one of a
 * message's words (the `*words` multi-entry index, web/src/search/words.ts), and name or
 * email for contacts. Case and diacritics never matter (both sides are folded the same way).
 */

/** Messages returned on the first page; "Show more" asks for more. */
export const PAGE_SIZE = 50;
/**
 * Up to this many candidates are read and ordered exactly by display order (rank). Past it
 * (a common prefix: "t" over 100,000 messages) only the page's newest by id are read, ids
 * being UUIDv7 from ChatScape clients (time-ordered by the sender's clock): reading rows is
 * what costs (~0.1 ms a row in Chromium), so a search reads at most this many, or a page.
 */
export const EXACT_LIMIT = 200;
/** Rows read beyond the page when choosing by id, for the ones filtered out (blocked). */
const SLACK = 20;

export interface ConversationHits {
  contact: LocalContact;
  /** Newest first. */
  messages: LocalMessage[];
}

export interface SearchResults {
  /** The folded words searched for (what the UI highlights). */
  terms: string[];
  /** Contacts whose name or email holds every word. */
  contacts: LocalContact[];
  /** Matching messages grouped by conversation, the group with the newest match first. */
  conversations: ConversationHits[];
  /** Whether more messages match than were returned. */
  more: boolean;
}

export interface SearchOptions {
  /** At most this many messages (all conversations together). */
  limit?: number;
}

const EMPTY: SearchResults = { terms: [], contacts: [], conversations: [], more: false };

/** The search words of a query: folded, segmented, longest first (the narrowest ranges). */
export function queryTerms(query: string): string[] {
  return wordsOf(query).sort((a, b) => b.length - a.length);
}

/** Whether every term occurs in the contact's folded name or email (as the list filter did). */
export function contactMatches(contact: LocalContact, terms: readonly string[]): boolean {
  const text = fold(`${contact.name} ${contact.email}`);
  return terms.every((term) => text.includes(term));
}

interface Candidates {
  /** Messages with a word starting with each of the terms read so far. */
  ids: string[];
  /** Terms left to check on the rows themselves (the candidates are few enough to read). */
  rest: string[];
}

const wordRange = (db: ChatDb, term: string) => db.messages.where('words').startsWith(term);

/** Several terms: the rarest first (IndexedDB counts a range without reading it out). */
async function rarestFirst(db: ChatDb, terms: readonly string[]): Promise<string[]> {
  if (terms.length < 2) return [...terms];
  const counts = await Promise.all(terms.map((term) => wordRange(db, term).count()));
  return terms
    .map((term, i) => ({ term, count: counts[i] ?? 0 }))
    .sort((a, b) => a.count - b.count)
    .map((t) => t.term);
}

/**
 * Ids of messages with a word starting with every term: one key-range read per term, the
 * rarest first; once the candidates are few enough to read as rows anyway, the remaining
 * terms are checked on the rows, so "the zeppelin" never reads every "the".
 */
async function candidateIds(
  db: ChatDb,
  query: readonly string[],
  readable: number,
): Promise<Candidates> {
  const terms = await rarestFirst(db, query);
  let ids: string[] | null = null;
  for (const [i, term] of terms.entries()) {
    const keys = await wordRange(db, term).primaryKeys();
    // A message with several words of the prefix ("cafe", "cafes") is listed once per word.
    const unique = new Set(keys);
    ids = ids ? ids.filter((id) => unique.has(id)) : [...unique];
    if (ids.length <= readable) return { ids, rest: terms.slice(i + 1) };
  }
  return { ids: ids ?? [], rest: [] };
}

/** Distinct words under one prefix up to which `newestIds` reads each word's newest keys. */
const MAX_WORDS = 64;

/**
 * The `k` newest ids (UUIDv7 order) of messages with a word starting with `term`, without
 * reading the range's every key: a multi-entry index keeps each word's entries in primary-key
 * order, so each distinct word's newest `k` are one short reverse read, and the newest `k` of
 * their union are the newest `k` of the range. Null when the prefix covers more than MAX_WORDS
 * distinct words (then reading the keys is cheaper). `complete`: the ids are all there are.
 */
async function newestIds(
  db: ChatDb,
  term: string,
  k: number,
): Promise<{ ids: string[]; complete: boolean } | null> {
  const words = (await wordRange(db, term).uniqueKeys()) as string[];
  if (words.length > MAX_WORDS) return null;
  const lists = await Promise.all(
    words.map((word) => db.messages.where('words').equals(word).reverse().limit(k).primaryKeys()),
  );
  const union = [...new Set(lists.flat())].sort().reverse();
  return {
    ids: union.slice(0, k),
    complete: union.length <= k && lists.every((list) => list.length < k),
  };
}

const hasAll = (message: LocalMessage, terms: readonly string[]) =>
  terms.every((term) =>
    (message.words ?? wordsOf(message.body)).some((word) => word.startsWith(term)),
  );

/** Rows `newestByScan` reads at most (one read, ~0.1 ms a row). */
const SCAN_LIMIT = 1000;

/**
 * The `k` newest ids of messages with a word starting with `term`, for a prefix so common that
 * newestIds gives up ("t" over 100,000 messages): the newest rows by id are read in one go and
 * checked, as about `count` of the `total` rows match. Null unless they hold more than `k`
 * matches (so more are left unread, for certain); then reading the keys is the way.
 */
async function newestByScan(
  db: ChatDb,
  term: string,
  count: number,
  k: number,
): Promise<string[] | null> {
  const total = await db.messages.count();
  // `count` counts index entries ("the" and "to" in one message count twice): an estimate,
  // hence the margin, and the fallback when it was wrong.
  const rows = Math.ceil((2 * (k + 1) * total) / Math.max(count, 1));
  if (rows > SCAN_LIMIT) return null;
  const newest = await db.messages.reverse().limit(rows).toArray();
  // Only indexed words count, as on the index: a message still in the word backlog is not found.
  const ids = newest.filter((m) => m.words?.some((word) => word.startsWith(term))).map((m) => m.id);
  return ids.length > k ? ids.slice(0, k) : null;
}

interface FoundIds {
  /** The message rows to read. */
  read: string[];
  /** Terms still to check on those rows. */
  rest: string[];
  /** Whether matches were left unread (past the exact limit). */
  more: boolean;
}

/**
 * Which message rows a search reads: every candidate when there are at most `readable`,
 * else the `newest` newest by id (a single common word reads only each of its words' newest
 * keys, see newestIds, or, a prefix of too many words, the newest rows, see newestByScan).
 */
async function messageIds(
  db: ChatDb,
  terms: readonly string[],
  readable: number,
  newest: number,
): Promise<FoundIds> {
  const [only] = terms;
  const count = terms.length === 1 && only !== undefined ? await wordRange(db, only).count() : 0;
  if (only !== undefined && count > readable) {
    const fast = await newestIds(db, only, newest);
    if (fast) return { read: fast.ids, rest: [], more: !fast.complete };
    const scanned = await newestByScan(db, only, count, newest);
    if (scanned) return { read: scanned, rest: [], more: true };
  }
  const { ids, rest } = await candidateIds(db, terms, readable);
  if (ids.length <= readable) return { read: ids, rest, more: false };
  // Past the exact limit: the newest ids (UUIDv7 time), a page and some slack.
  const read = ids.sort().reverse().slice(0, newest);
  return { read, rest, more: ids.length > read.length };
}

/**
 * Searches contacts and messages. Messages of blocked contacts are left out, as the contact
 * list shows no preview of them, and so are messages with no contact row (no conversation to
 * open). Reads at most EXACT_LIMIT (or `limit`) message rows, whatever matches.
 */
export async function search(
  db: ChatDb,
  query: string,
  options: SearchOptions = {},
): Promise<SearchResults> {
  const terms = queryTerms(query);
  if (terms.length === 0) return EMPTY;
  const limit = options.limit ?? PAGE_SIZE;
  const readable = Math.max(EXACT_LIMIT, limit + 1);
  const [everyone, found] = await Promise.all([
    db.contacts.toArray(),
    messageIds(db, terms, readable, limit + 1 + SLACK),
  ]);
  const byEmail = new Map(everyone.map((c) => [c.email, c]));
  const contacts = everyone
    .filter((c) => contactMatches(c, terms))
    .sort((a, b) => b.lastActivity - a.lastActivity);
  const rows = await db.messages.bulkGet(found.read);
  const shown = rows
    .filter(
      (m): m is LocalMessage =>
        m !== undefined && byEmail.get(m.peer)?.blocked === false && hasAll(m, found.rest),
    )
    .sort((a, b) => b.rank - a.rank || (a.id < b.id ? 1 : -1));
  const page = shown.slice(0, limit);
  return {
    terms,
    contacts,
    conversations: groupByConversation(page, byEmail),
    more: shown.length > limit || found.more,
  };
}

function groupByConversation(
  messages: readonly LocalMessage[],
  contacts: ReadonlyMap<string, LocalContact>,
): ConversationHits[] {
  const groups = new Map<string, ConversationHits>();
  for (const message of messages) {
    let group = groups.get(message.peer);
    if (!group) {
      const contact = contacts.get(message.peer);
      if (!contact) continue;
      group = { contact, messages: [] };
      groups.set(message.peer, group);
    }
    group.messages.push(message);
  }
  return [...groups.values()];
}
