/**
 * Journey 7 — security: script payloads in contact names and messages render as text and run
 * nothing (on the sender's and the recipient's screen); every app response carries a strict
 * CSP (also when the service worker serves it offline); the API refuses missing, forged and
 * wrong-kind tokens.
 */
import { createSign, generateKeyPairSync } from 'node:crypto';
import type { Page } from '@playwright/test';
import {
  addContact,
  bubble,
  contactLink,
  endState,
  messageLog,
  openChat,
  SYNC_TIMEOUT,
  send,
  shownBodies,
  signIn,
  waitForServiceWorker,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { postSync } from './support/server.ts';

type Flags = { __xss?: unknown; __cspViolations?: string[] };

const namePayload = `<img src=x onerror="window.__xss='name'">`;
const peerNamePayload = `<script>window.__xss='peer-name'</script>"><b>Bold</b>`;
const payloads = [
  `<script>window.__xss='script'</script>`,
  `<img src=x onerror="window.__xss='img';alert('img')">`,
  `<svg onload="window.__xss='svg'"><a href="javascript:window.__xss='anchor'">click me</a>`,
  `javascript:window.__xss='js-link';alert(1)`,
  `https://example.com/"><img src=x onerror=alert(1)> and [x](javascript:alert(1))`,
];

/** Records dialogs and CSP violations; both must stay empty. */
async function watch(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const w = window as Flags;
      w.__cspViolations ??= [];
      w.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return dialogs;
}

const flags = (page: Page) =>
  page.evaluate(() => {
    const w = window as Flags;
    return { xss: w.__xss, violations: w.__cspViolations ?? [] };
  });

async function expectNothingRan(page: Page, dialogs: string[]) {
  expect(await flags(page)).toEqual({ xss: undefined, violations: [] });
  expect(dialogs).toEqual([]);
  // Message bodies hold only text spans and (https) links; names and headings only text.
  await expect(messageLog(page).locator('.bubble__body *:not(span):not(a)')).toHaveCount(0);
  await expect(page.locator('.contact__name *, .conversation__name *')).toHaveCount(0);
  await expect(page.locator('img, script:not([src]), iframe, object, embed')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
}

test('script payloads in names and messages render as text and run nothing', async ({
  user,
  newContext,
}, testInfo) => {
  const [alice, bob] = await Promise.all([user('alice'), user('bob')]);
  const alicePage = await (await newContext()).newPage();
  const bobPage = await (await newContext()).newPage();
  const aliceDialogs = await watch(alicePage);
  const bobDialogs = await watch(bobPage);
  await Promise.all([signIn(alicePage, alice), signIn(bobPage, bob)]);

  await addContact(alicePage, namePayload, bob.email);
  await expect(alicePage.getByRole('heading', { level: 2, name: namePayload })).toBeVisible();
  await expect(contactLink(alicePage, namePayload)).toBeVisible();
  await addContact(bobPage, peerNamePayload, alice.email);
  await expect(bobPage.getByRole('heading', { level: 2, name: peerNamePayload })).toBeVisible();
  for (const payload of payloads) await send(alicePage, payload);

  for (const payload of payloads) {
    await expect(bubble(bobPage, payload)).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  }
  for (const page of [alicePage, bobPage]) {
    expect(await shownBodies(page)).toEqual(payloads);
    // Only the https URL became a link, and only up to the quote.
    const links = messageLog(page).getByRole('link');
    await expect(links).toHaveCount(1);
    await expect(links).toHaveAttribute('href', 'https://example.com/');
    await expect(links).toHaveAttribute('rel', 'noopener noreferrer');
  }
  // A reload renders the stored payloads again, from IndexedDB.
  await bobPage.reload();
  await openChat(bobPage, peerNamePayload);
  expect(await shownBodies(bobPage)).toEqual(payloads);
  await expectNothingRan(alicePage, aliceDialogs);
  await expectNothingRan(bobPage, bobDialogs);

  // Defence in depth: markup cannot even be injected. Trusted Types (require-trusted-types-for
  // 'script', and a policy with no HTML rule) refuse HTML strings in every sink, and an inline
  // handler set through the DOM is refused too, or, if it gets through, blocked by the CSP.
  // Only markup is injected here: code evaluated by the test harness itself is exempt from CSP.
  const attempts = await alicePage.evaluate(() => {
    const outcome = (run: () => void) => {
      try {
        run();
        return 'accepted';
      } catch (error) {
        return error instanceof TypeError ? 'refused' : String(error);
      }
    };
    return [
      outcome(() =>
        document.body.insertAdjacentHTML(
          'beforeend',
          `<img id="e2e-injected" alt="" src="data:," onload="window.__xss='injected'">`,
        ),
      ),
      outcome(() => {
        const img = document.createElement('img');
        img.id = 'e2e-injected-handler';
        img.setAttribute('onload', "window.__xss='handler'");
        img.src = 'data:,';
        document.body.append(img);
      }),
    ];
  });
  expect(attempts[0]).toBe('refused');
  expect(['refused', 'accepted']).toContain(attempts[1]);
  await expect.poll(async () => (await flags(alicePage)).violations.length).toBeGreaterThan(0);
  expect((await flags(alicePage)).violations.join(' ')).toContain('require-trusted-types-for');
  expect((await flags(alicePage)).xss).toBeUndefined();
  await alicePage.evaluate(() => {
    for (const el of document.querySelectorAll('#e2e-injected, #e2e-injected-handler')) el.remove();
  });
  await endState(alicePage, testInfo, 'alice');
  await endState(bobPage, testInfo, 'bob');
});

const cspPaths = ['/', '/index.html', '/chat/bob@example.com', '/config.json', '/sw.js'];

function expectStrictCsp(csp: string | undefined | null, where: string) {
  expect(csp, where).toBeTruthy();
  const policy = csp ?? '';
  expect(policy, where).not.toContain('unsafe-inline');
  expect(policy, where).not.toContain('unsafe-eval');
  expect(policy, where).toContain("script-src 'self'");
  expect(policy, where).toContain("object-src 'none'");
  expect(policy, where).toContain("frame-ancestors 'none'");
  expect(policy, where).toContain("base-uri 'self'");
  // One origin (the API is /sync on it) and Trusted Types for every script sink.
  expect(policy, where).toMatch(/connect-src 'self' [^;]*;/);
  expect(policy, where).not.toMatch(/connect-src[^;]*:\/\/127\.0\.0\.1:\d+\/sync/);
  expect(policy, where).toContain("require-trusted-types-for 'script'");
}

test('every app response carries a CSP without unsafe-inline', async ({
  page,
  stack,
  user,
}, testInfo) => {
  const html = await (await fetch(`${stack.appURL}/`)).text();
  const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1] as string);
  expect(assets.length).toBeGreaterThan(0);
  for (const path of [...cspPaths, ...assets]) {
    const res = await fetch(`${stack.appURL}${path}`);
    expect(res.status, path).toBe(200);
    expectStrictCsp(res.headers.get('content-security-policy'), path);
  }
  // In the browser too, and still when the service worker serves the page from its cache.
  const first = await page.goto('/');
  expectStrictCsp(first?.headers()['content-security-policy'], 'navigation');
  await signIn(page, await user('alice'));
  await waitForServiceWorker(page);
  await page.context().setOffline(true);
  const offline = await page.reload();
  expect(offline?.fromServiceWorker()).toBe(true);
  expectStrictCsp(offline?.headers()['content-security-policy'], 'offline navigation');
  await expect(page.getByRole('button', { name: 'Add contact' })).toBeVisible();
  await page.context().setOffline(false);
  await endState(page, testInfo);
});

/** A JWT signed by someone else's key, with the right header and claims otherwise. */
function forge(realToken: string, claims: Record<string, unknown>): string {
  const [header = '', payload = ''] = realToken.split('.');
  const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  const enc = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${enc(decode(header))}.${enc({ ...decode(payload), ...claims })}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signature = createSign('RSA-SHA256').update(body).sign(privateKey, 'base64url');
  return `${body}.${signature}`;
}

test('the API refuses missing, forged and wrong-kind tokens (401)', async ({ stack, user }) => {
  const [alice, bob] = await Promise.all([user('alice'), user('bob')]);
  const real = alice.tokens.idToken;
  const [header = '', payload = '', signature = ''] = real.split('.');
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const tampered = Buffer.from(JSON.stringify({ ...decoded, email: bob.email })).toString(
    'base64url',
  );
  const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
  const refused: Record<string, string | null> = {
    'no Authorization header': null,
    'an empty bearer': 'Bearer ',
    'not a JWT': 'Bearer not-a-token',
    'a Basic credential': `Basic ${Buffer.from(`${alice.email}:chatscape-pass`).toString('base64')}`,
    'claims changed (email → bob)': `Bearer ${header}.${tampered}.${signature}`,
    'alg none': `Bearer ${none}`,
    'signed with another key': `Bearer ${forge(real, {})}`,
    'another key, as bob': `Bearer ${forge(real, { email: bob.email })}`,
    'the ID token of another issuer': `Bearer ${forge(real, { iss: 'https://evil.example' })}`,
    'an access token instead of the ID token': `Bearer ${alice.tokens.accessToken}`,
  };
  for (const [what, authorization] of Object.entries(refused)) {
    const { status, body } = await postSync(stack, authorization);
    expect(status, what).toBe(401);
    expect(body, what).toEqual({ message: 'Unauthorized' });
  }
  // The genuine token works, and names alice (never bob).
  const ok = await postSync(stack, `Bearer ${real}`);
  expect(ok.status).toBe(200);
});
