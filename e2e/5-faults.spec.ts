/**
 * Journey 5 — faults between alice's browser and the sync API, injected with context.route
 * (which also sees the service worker's requests). In every case nothing is lost and nothing
 * is duplicated: a committed batch whose answer is lost, a 500, a refused (expired) token, a
 * mutation the server rejects (Retry and Discard), and two tabs flushing at once.
 */
import type { BrowserContext, Page, Request, Route } from '@playwright/test';
import {
  addContact,
  bubble,
  endState,
  expectSent,
  SYNC_TIMEOUT,
  send,
  shownBodies,
  signIn,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { storedMessages } from './support/server.ts';
import type { StackInfo, TestUser } from './support/stack.ts';

interface Pair {
  alice: TestUser;
  bob: TestUser;
  aliceContext: BrowserContext;
  alicePage: Page;
  bobPage: Page;
}

/** Alice and Bob, each in their own browser, in their conversation with each other. */
async function pair(
  user: (name: string) => Promise<TestUser>,
  newContext: () => Promise<BrowserContext>,
): Promise<Pair> {
  const [alice, bob] = await Promise.all([user('alice'), user('bob')]);
  const aliceContext = await newContext();
  const alicePage = await aliceContext.newPage();
  const bobPage = await (await newContext()).newPage();
  await Promise.all([signIn(alicePage, alice), signIn(bobPage, bob)]);
  await Promise.all([
    addContact(alicePage, 'Bob', bob.email),
    addContact(bobPage, 'Alice', alice.email),
  ]);
  return { alice, bob, aliceContext, alicePage, bobPage };
}

interface SyncBody {
  mutations: Array<{ id: string; type: string; body?: string }>;
}
interface SyncAnswer {
  results: Array<{ id: string; status: string; error?: { code: string; message: string } }>;
  changes: { contacts: unknown[]; messages: Array<{ id: string; body: string }> };
}

const isSyncPost = (request: Request, stack: StackInfo) =>
  request.method() === 'POST' && request.url() === `${stack.apiURL}/sync`;
const carries = (request: Request, text: string) =>
  ((request.postDataJSON() as SyncBody | null)?.mutations ?? []).some((m) => m.body === text);

/** Headers a real API Gateway answer carries, so the browser lets the page read it. */
const corsHeaders = (stack: StackInfo) => ({
  'access-control-allow-origin': stack.appURL,
  'access-control-expose-headers': 'retry-after',
  vary: 'Origin',
});

/** Exactly one copy: on alice's screen, on bob's, and on the server. */
async function expectExactlyOnce(p: Pair, stack: StackInfo, texts: string[]) {
  for (const text of texts) {
    await expectSent(p.alicePage, text);
    await expect(bubble(p.bobPage, text)).toHaveCount(1, { timeout: SYNC_TIMEOUT });
    await expect(bubble(p.alicePage, text)).toHaveCount(1);
  }
  const stored = await storedMessages(stack, p.alice.email, p.bob.email);
  for (const text of texts) expect(stored.filter((m) => m.body === text)).toHaveLength(1);
  const order = (shown: string[]) => shown.filter((t) => texts.includes(t));
  expect(order(await shownBodies(p.bobPage))).toEqual(texts);
  expect(order(await shownBodies(p.alicePage))).toEqual(texts);
}

test('the server commits a batch but the answer is lost: one copy after the retry', async ({
  stack,
  user,
  newContext,
}, testInfo) => {
  const p = await pair(user, newContext);
  const text = 'answer to this one gets lost';
  let lost = 0;
  await p.aliceContext.route(`${stack.apiURL}/sync`, async (route: Route) => {
    if (lost === 0 && isSyncPost(route.request(), stack) && carries(route.request(), text)) {
      lost += 1;
      const committed = await route.fetch(); // the server applies the batch...
      expect(committed.status()).toBe(200);
      await route.abort('connectionreset'); // ...and the answer never arrives
      return;
    }
    await route.continue();
  });
  await send(p.alicePage, text);
  await expectExactlyOnce(p, stack, [text]);
  expect(lost).toBe(1);
  await endState(p.alicePage, testInfo, 'alice');
  await endState(p.bobPage, testInfo, 'bob');
});

test('a 500 in the middle of a session loses nothing', async ({
  stack,
  user,
  newContext,
}, testInfo) => {
  const p = await pair(user, newContext);
  const texts = ['before the outage', 'hits the 500', 'right after it'];
  await send(p.alicePage, texts[0] as string);
  await expectSent(p.alicePage, texts[0] as string);
  let failed = 0;
  await p.aliceContext.route(`${stack.apiURL}/sync`, async (route) => {
    if (
      failed === 0 &&
      isSyncPost(route.request(), stack) &&
      carries(route.request(), texts[1] as string)
    ) {
      failed += 1;
      await route.fulfill({
        status: 500,
        headers: corsHeaders(stack),
        contentType: 'application/json',
        body: JSON.stringify({ message: 'Internal Server Error' }),
      });
      return;
    }
    await route.continue();
  });
  await send(p.alicePage, texts[1] as string);
  await send(p.alicePage, texts[2] as string);
  await expectExactlyOnce(p, stack, texts);
  expect(failed).toBe(1);
  await endState(p.alicePage, testInfo, 'alice');
  await endState(p.bobPage, testInfo, 'bob');
});

test('a refused (expired) token: renewed, then nothing lost', async ({
  stack,
  user,
  newContext,
}, testInfo) => {
  const p = await pair(user, newContext);
  const text = 'sent with a token the server refuses';
  const tokens: string[] = [];
  let refused: string | undefined;
  await p.aliceContext.route(`${stack.apiURL}/sync`, async (route) => {
    const request = route.request();
    if (isSyncPost(request, stack)) tokens.push(request.headers().authorization ?? '');
    if (refused === undefined && isSyncPost(request, stack) && carries(request, text)) {
      refused = request.headers().authorization;
      await route.fulfill({
        status: 401,
        headers: {
          ...corsHeaders(stack),
          'www-authenticate': 'Bearer error="invalid_token", error_description="expired"',
        },
        contentType: 'application/json',
        body: JSON.stringify({ message: 'Unauthorized' }),
      });
      return;
    }
    await route.continue();
  });
  await send(p.alicePage, text);
  await expectExactlyOnce(p, stack, [text]);
  expect(refused).toMatch(/^Bearer /);
  // The refused token was dropped and a renewed one (refresh token, no redirect) used since.
  expect(tokens.at(-1)).not.toBe(refused);
  await expect(p.alicePage.getByRole('button', { name: 'Sign in again' })).toHaveCount(0);
  await endState(p.alicePage, testInfo, 'alice');
  await endState(p.bobPage, testInfo, 'bob');
});

test('a rejected mutation fails visibly; Retry and Discard both work', async ({
  stack,
  user,
  newContext,
}, testInfo) => {
  const p = await pair(user, newContext);
  const applied = 'applied, but the answer says rejected';
  const refused = 'refused by the server';
  const after = 'sent after the discard';
  let appliedId: string | undefined;
  let hideApplied = true;
  let retried: string | undefined;
  let rewroteRequest = false;

  await p.aliceContext.route(`${stack.apiURL}/sync`, async (route) => {
    const request = route.request();
    if (!isSyncPost(request, stack)) return route.continue();
    const body = request.postDataJSON() as SyncBody;
    // `refused` goes out empty the first time: the server rejects it (nothing is stored).
    const bad = body.mutations.find((m) => m.body === refused);
    if (bad && !rewroteRequest) {
      rewroteRequest = true;
      bad.body = '';
      return route.continue({ postData: JSON.stringify(body) });
    }
    let response: Awaited<ReturnType<typeof route.fetch>>;
    let json: SyncAnswer;
    try {
      response = await route.fetch();
      json = (await response.json()) as SyncAnswer;
    } catch (error) {
      // The page went away (the reload below, or the end of the test) while this request was
      // in flight: Playwright disposes of its response, and there is nobody left to answer.
      if (String(error).includes('disposed') || p.alicePage.isClosed()) return;
      throw error;
    }
    const sent = body.mutations.find((m) => m.body === applied);
    if (sent && appliedId === undefined) {
      // The server applied it; the client is told it was rejected.
      appliedId = sent.id;
      json.results = json.results.map((r) =>
        r.id === sent.id
          ? {
              id: r.id,
              status: 'rejected',
              error: { code: 'invalid', message: 'refused by the e2e test' },
            }
          : r,
      );
    } else if (appliedId && body.mutations.some((m) => m.id === appliedId)) {
      retried = json.results.find((r) => r.id === appliedId)?.status;
    }
    // Until the retry went through, pulls do not hand the message back either (they would
    // mark it sent on their own, which is right, but not what this test is about).
    if (hideApplied)
      json.changes.messages = json.changes.messages.filter((m) => m.body !== applied);
    return route.fulfill({ response, json });
  });

  await test.step('rejected although applied: Not sent, then Retry → sent, one copy', async () => {
    await send(p.alicePage, applied);
    const row = bubble(p.alicePage, applied);
    await expect(row.getByText('Not sent')).toBeVisible({ timeout: SYNC_TIMEOUT });
    await expect(row.getByText('Refused by the e2e test.')).toBeVisible();
    await expect(row.getByRole('button', { name: 'Discard' })).toBeVisible();
    await row.getByRole('button', { name: 'Retry' }).click();
    await expectSent(p.alicePage, applied);
    // Same id again: the server recognised it.
    expect(retried).toBe('duplicate');
    hideApplied = false;
    await expectExactlyOnce(p, stack, [applied]);
  });

  await test.step('truly refused: Not sent, then Discard removes it for good', async () => {
    await send(p.alicePage, refused);
    const row = bubble(p.alicePage, refused);
    await expect(row.getByText('Not sent')).toBeVisible({ timeout: SYNC_TIMEOUT });
    await expect(row.getByRole('button', { name: 'Retry' })).toBeVisible();
    await row.getByRole('button', { name: 'Discard' }).click();
    await expect(row).toHaveCount(0);
    await send(p.alicePage, after);
    await expectExactlyOnce(p, stack, [applied, after]);
    await expect(bubble(p.bobPage, refused)).toHaveCount(0);
    expect(
      (await storedMessages(stack, p.alice.email, p.bob.email)).map((m) => m.body),
    ).not.toContain(refused);
    await p.alicePage.reload();
    await expect(bubble(p.alicePage, after)).toHaveCount(1);
    await expect(bubble(p.alicePage, refused)).toHaveCount(0);
  });
  await endState(p.alicePage, testInfo, 'alice');
  await endState(p.bobPage, testInfo, 'bob');
});

test('two tabs (and the service worker) flushing at once: one copy', async ({
  stack,
  user,
  newContext,
}, testInfo) => {
  const p = await pair(user, newContext);
  const second = await p.aliceContext.newPage();
  await second.goto(p.alicePage.url());
  await expect(second.getByRole('heading', { level: 2, name: 'Bob' })).toBeVisible();
  const posts: Request[] = [];
  // A slow API widens the window in which the flushers overlap.
  await p.aliceContext.route(`${stack.apiURL}/sync`, async (route) => {
    if (isSyncPost(route.request(), stack)) {
      posts.push(route.request());
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await route.continue();
  });
  const texts = ['tab one: first', 'tab two: second', 'tab one: third', 'tab two: fourth'];
  await p.aliceContext.setOffline(true);
  for (const [i, text] of texts.entries()) await send(i % 2 === 0 ? p.alicePage : second, text);
  await expect(second.getByText('4 waiting to send')).toBeVisible();
  await p.aliceContext.setOffline(false);
  await expectExactlyOnce(p, stack, texts);
  for (const text of texts) await expectSent(second, text);
  expect((await shownBodies(second)).filter((t) => texts.includes(t))).toEqual(texts);
  // One flusher at a time (Web Lock): each message reached the server in exactly one request.
  // A request that failed on the way (the context going offline as a tab flushed) never got
  // there, and its retry is not a second copy.
  const arrived = posts.filter((r) => r.failure() === null);
  for (const text of texts) expect(arrived.filter((r) => carries(r, text))).toHaveLength(1);
  await endState(p.alicePage, testInfo, 'alice-tab-1');
  await endState(second, testInfo, 'alice-tab-2');
  await endState(p.bobPage, testInfo, 'bob');
});
