import { describe, expect, it } from 'vitest';
import { type ChatDb, type LocalMessage, newContact } from '../db/index.ts';
import { freshDb } from '../test/db.ts';
import { highlightParts, snippetParts } from './highlight.ts';
import { EXACT_LIMIT, search } from './query.ts';

const BOB = 'bob@example.com';
const CAROL = 'carol@example.com';
const MALLORY = 'mallory@example.com';

let seq = 0;
function message(peer: string, body: string, rank: number, mine = false): LocalMessage {
  seq += 1;
  return {
    id: `m-${String(seq).padStart(6, '0')}`,
    sender: mine ? 'alice@example.com' : peer,
    recipient: mine ? peer : 'alice@example.com',
    body,
    sentAt: rank,
    serverTime: rank,
    peer,
    rank,
    state: 'sent',
  };
}

async function seeded(): Promise<ChatDb> {
  const db = freshDb();
  await db.contacts.bulkPut([
    { ...newContact(BOB, 1), name: 'Bob Dylan', lastActivity: 30 },
    { ...newContact(CAROL, 1), name: 'Carol Müller', lastActivity: 20 },
    { ...newContact(MALLORY, 1), name: 'Mallory', blocked: true, lastActivity: 10 },
  ]);
  await db.messages.bulkAdd([
    message(BOB, 'Meet at the café tomorrow', 10),
    message(BOB, 'The CAFE was closed, sorry', 30, true),
    message(CAROL, 'Cafeteria food again', 20),
    message(CAROL, 'Let us meet at noon', 15),
    message(CAROL, '我们明天见', 25),
    message(CAROL, 'مرحبا بالعالم', 26),
    message(MALLORY, 'cafe secrets', 40),
  ]);
  return db;
}

const bodies = (r: Awaited<ReturnType<typeof search>>) =>
  r.conversations.map((g) => [g.contact.email, g.messages.map((m) => m.body)]);

/**
 * What search must return for one term, worked out from every message: up to the exact limit
 * of matches, the first `limit` by rank; past it, the newest by id (a page and the slack),
 * shown by rank, and "more".
 */
async function expectBruteForce(db: ChatDb, all: LocalMessage[], term: string, limit: number) {
  const matches = all.filter((m) => m.body.split(' ').some((w) => w.startsWith(term)));
  const byRank = (a: LocalMessage, b: LocalMessage) => b.rank - a.rank;
  let want: { messages: LocalMessage[]; more: boolean };
  if (matches.length <= Math.max(EXACT_LIMIT, limit + 1)) {
    want = { messages: [...matches].sort(byRank).slice(0, limit), more: matches.length > limit };
  } else {
    const newest = [...matches].sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, limit + 21);
    want = { messages: newest.sort(byRank).slice(0, limit), more: true };
  }
  const result = await search(db, term, { limit });
  const label = `${term} (limit ${limit})`;
  expect(
    result.conversations.flatMap((g) => g.messages.map((m) => m.id)),
    label,
  ).toEqual(want.messages.map((m) => m.id));
  expect(result.more, label).toBe(want.more);
}

describe('search', () => {
  it('matches word prefixes without case or diacritics, grouped newest first', async () => {
    const db = await seeded();
    const result = await search(db, 'Café');
    expect(result.terms).toEqual(['cafe']);
    expect(bodies(result)).toEqual([
      [BOB, ['The CAFE was closed, sorry', 'Meet at the café tomorrow']],
      [CAROL, ['Cafeteria food again']],
    ]);
    expect(result.more).toBe(false);
  });

  it('needs every word of the query, in any order, each as a prefix', async () => {
    const db = await seeded();
    expect(bodies(await search(db, 'tomor mee'))).toEqual([[BOB, ['Meet at the café tomorrow']]]);
    expect(bodies(await search(db, 'meet noon'))).toEqual([[CAROL, ['Let us meet at noon']]]);
    expect(bodies(await search(db, 'meet closed'))).toEqual([]);
    // A word inside another word is no match: prefixes only.
    expect(bodies(await search(db, 'teria'))).toEqual([]);
  });

  it('finds words of scripts without spaces and right-to-left text', async () => {
    const db = await seeded();
    expect(bodies(await search(db, '明天'))).toEqual([[CAROL, ['我们明天见']]]);
    expect(bodies(await search(db, 'بالع'))).toEqual([[CAROL, ['مرحبا بالعالم']]]);
  });

  it('matches contacts by name and email, folded, and leaves blocked conversations out', async () => {
    const db = await seeded();
    expect((await search(db, 'MULLER')).contacts.map((c) => c.email)).toEqual([CAROL]);
    expect((await search(db, 'DYLAN bob')).contacts.map((c) => c.email)).toEqual([BOB]);
    expect((await search(db, 'example.com')).contacts.map((c) => c.email)).toEqual([
      BOB,
      CAROL,
      MALLORY,
    ]);
    // Mallory is blocked: found as a contact, but none of the messages show (as in the list).
    const secrets = await search(db, 'secrets');
    expect(secrets.conversations).toEqual([]);
    expect((await search(db, 'mallory')).contacts.map((c) => c.email)).toEqual([MALLORY]);
  });

  it('an empty or punctuation-only query finds nothing', async () => {
    const db = await seeded();
    expect(await search(db, '  ?! ')).toEqual({
      terms: [],
      contacts: [],
      conversations: [],
      more: false,
    });
  });

  it('caps a common prefix to a page, newest first, and says there is more', async () => {
    const db = freshDb();
    await db.contacts.put({ ...newContact(BOB, 1), lastActivity: 1 });
    const count = EXACT_LIMIT + 500;
    await db.messages.bulkAdd(
      Array.from({ length: count }, (_, i) =>
        message(BOB, `note ${i} ${i % 2 ? 'odd' : 'even'}`, 1000 + i),
      ),
    );
    const first = await search(db, 'no', { limit: 20 });
    const shown = first.conversations.flatMap((g) => g.messages.map((m) => m.body));
    const newest = (n: number, step = 1) =>
      Array.from({ length: n }, (_, i) => count - 1 - i * step).map(
        (k) => `note ${k} ${k % 2 ? 'odd' : 'even'}`,
      );
    expect(shown).toEqual(newest(20));
    expect(first.more).toBe(true);
    // Two common words: both key ranges are read and intersected.
    const odd = await search(db, 'no od', { limit: 20 });
    expect(odd.conversations.flatMap((g) => g.messages.map((m) => m.body))).toEqual(newest(20, 2));
    const all = await search(db, 'no', { limit: count });
    expect(all.conversations[0]?.messages).toHaveLength(count);
    expect(all.more).toBe(false);
  });

  it('reads only the newest keys of a common word and still finds exactly the newest matches', async () => {
    const db = freshDb();
    await db.contacts.put({ ...newContact(BOB, 1), lastActivity: 1 });
    // Words sharing prefixes, up to three per message, and ids out of rank order in places
    // (device clocks differ): the page is the newest by id, shown in rank order.
    const vocabulary = ['cafe', 'cafes', 'cafeteria', 'caffeine', 'cab', 'tea'];
    let state = 7;
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % n;
    };
    const all: LocalMessage[] = [];
    for (let i = 0; i < 900; i++) {
      const words = Array.from({ length: 1 + next(3) }, () => vocabulary[next(6)]);
      all.push(
        message(BOB, `${words.join(' ')} w${next(120)}`, 5000 + i + (next(4) === 0 ? -50 : 0)),
      );
    }
    await db.messages.bulkAdd(all);
    // "caf" covers four words, "w" 18 (this generator repeats), "cab" one; prefixes of more
    // than 64 words are the next test's.
    for (const [term, limit] of [
      ['caf', 20],
      ['cafe', 50],
      ['cab', 10],
      ['w', 20],
      ['w1', 30],
      ['tea', 500],
    ] as const) {
      await expectBruteForce(db, all, term, limit);
    }
  });

  it('a prefix of many words reads the newest rows when it is common there, else the keys', async () => {
    const db = freshDb();
    await db.contacts.put({ ...newContact(BOB, 1), lastActivity: 1 });
    const all: LocalMessage[] = [];
    for (let i = 0; i < 3000; i++) {
      const words = [`w${i % 7}`];
      // Old and repeated: 100 messages with three "q" words each (300 index entries).
      if (i < 100) words.push(`q${i}a`, `q${i}b`, `q${i}c`);
      // Rare: 210 of 3,000, spread out (too few among the newest rows to be worth reading them).
      if (i % 14 === 3 && i < 2943) words.push(`x${i}`);
      // Common among the newest: the last 400.
      if (i >= 2600) words.push(`z${i}`);
      all.push(message(BOB, words.join(' '), 10_000 + i));
    }
    await db.messages.bulkAdd(all);
    for (const [term, limit] of [
      ['z', 20],
      ['z', 100],
      ['x', 20],
      ['q', 20],
      ['q', 150],
    ] as const) {
      await expectBruteForce(db, all, term, limit);
    }
  });
});

describe('highlight', () => {
  it('marks every word starting with a term, keeping the original text', () => {
    const parts = highlightParts('Meet at the Café, CAFÉS open', ['cafe']);
    expect(parts).toEqual([
      { text: 'Meet at the ', match: false },
      { text: 'Café', match: true },
      { text: ', ', match: false },
      { text: 'CAFÉS', match: true },
      { text: ' open', match: false },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe('Meet at the Café, CAFÉS open');
  });

  it('keeps markup-like text as plain text parts', () => {
    const parts = highlightParts('<img src=x onerror=alert(1)> hello', ['hello']);
    expect(parts.at(-1)).toEqual({ text: 'hello', match: true });
    expect(parts.map((p) => p.text).join('')).toBe('<img src=x onerror=alert(1)> hello');
  });

  it('cuts a long lead before the first match to a snippet', () => {
    const long = `${'lorem ipsum '.repeat(20)}the needle is here`;
    const parts = snippetParts(highlightParts(long, ['needle']));
    expect(parts[0]?.text.startsWith('…')).toBe(true);
    expect(parts[0]?.text.length).toBeLessThanOrEqual(32);
    expect(parts.find((p) => p.match)?.text).toBe('needle');
  });
});
