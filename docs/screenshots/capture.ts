/**
 * Captures docs/screenshots/*.png from the real app against the local stack.
 *   npm run build -w web && npx tsx docs/screenshots/capture.ts
 * Starts its own stack (in-memory data) on ports 9280-9283, seeds a few conversations through
 * the UI, and shoots light/dark and wide (1280x800) / narrow (390x844) views.
 */
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { startLocalStack } from '../../sync-api/local/stack.ts';

const here = import.meta.dirname;
const stack = await startLocalStack({
  dataDir: null,
  appPort: 9280,
  apiPort: 9281,
  oidcPort: 9282,
  dynamoPort: 9283,
  webDist: join(here, '..', '..', 'web', 'dist'),
  quiet: true,
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 390, height: 844 };

async function signIn(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${stack.appURL}/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const form = page.locator('#email').locator('xpath=ancestor::form');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill('chatscape');
  await form.locator('input[name="password"]').press('Enter');
  await page.getByRole('button', { name: 'Add contact' }).waitFor();
  return page;
}

async function addContact(page: Page, name: string, email: string) {
  await page.getByRole('button', { name: 'Add contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add contact' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
  await dialog.getByRole('button', { name: 'Add' }).click();
}

async function say(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await page.getByRole('log').getByText(text, { exact: true }).waitFor();
}

/** The bubble showing exactly `text`. */
const bubble = (page: Page, text: string) =>
  page
    .getByRole('log')
    .locator('[data-message-id]')
    .filter({ has: page.getByText(text, { exact: true }) });

/** Opens the actions menu of the bubble showing `text` and picks `item`. */
async function act(page: Page, text: string, item: string) {
  await bubble(page, text)
    .getByRole('button', { name: /^Actions for / })
    .click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function shot(page: Page, name: string, scheme: 'light' | 'dark', size: typeof WIDE) {
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize(size);
  await page.waitForTimeout(400);
  const file = `${name}-${scheme}-${size === WIDE ? 'wide' : 'narrow'}.png`;
  await page.screenshot({ path: join(here, file) });
  console.log('wrote', file);
}

try {
  const landing = await (await browser.newContext()).newPage();
  await landing.goto(`${stack.appURL}/`);
  // Enabled: the page's script has taken over the prerendered landing page.
  await landing.getByRole('button', { name: 'Sign in' }).and(landing.locator(':enabled')).waitFor();
  await shot(landing, 'landing', 'light', WIDE);
  await shot(landing, 'landing', 'dark', NARROW);

  const alice = await signIn(await browser.newContext(), 'alice@example.com');
  const bob = await signIn(await browser.newContext(), 'bob@example.com');
  const carol = await signIn(await browser.newContext(), 'carol@example.com');
  await addContact(alice, 'Bob Martin', 'bob@example.com');
  await say(alice, 'Hi Bob! Are we still on for the hike on Saturday?');
  await addContact(bob, 'Alice Chen', 'alice@example.com');
  await say(bob, 'Yes! Trail map: https://example.com/trails/ridge-loop');
  await say(bob, 'Bring water,\nsnacks,\nand a rain jacket.');
  await say(bob, 'سأحضر الخريطة أيضاً.');
  await addContact(carol, 'Alice', 'alice@example.com');
  await say(carol, 'Hey Alice, it is Carol from the climbing gym 👋');
  await alice
    .getByRole('log')
    .getByText('and a rain jacket.', { exact: false })
    .waitFor({ timeout: 20_000 });
  await say(alice, 'Perfect, see you at 8.');
  await alice
    .getByRole('list', { name: 'Message requests' })
    .getByText('alice@example.com')
    .or(alice.getByRole('list', { name: 'Message requests' }).getByText('carol@example.com'))
    .waitFor({ timeout: 20_000 });
  await alice.getByText('Synced').first().waitFor();

  await shot(alice, 'chat', 'light', WIDE);
  await shot(alice, 'chat', 'dark', WIDE);
  await shot(alice, 'conversation', 'light', NARROW);
  await shot(alice, 'conversation', 'dark', NARROW);

  await alice.getByRole('button', { name: 'Conversation actions' }).click();
  await shot(alice, 'conversation-menu', 'light', WIDE);
  await alice.getByRole('menuitem', { name: 'Block' }).click();
  await shot(alice, 'block-dialog', 'dark', WIDE);
  await alice
    .getByRole('dialog', { name: 'Block' })
    .getByRole('button', { name: 'Cancel' })
    .click();
  await alice.getByRole('button', { name: 'Conversation actions' }).click();
  await alice.getByRole('menuitem', { name: 'Report' }).click();
  await alice
    .getByRole('dialog', { name: 'Report' })
    .getByRole('button', { name: 'Report' })
    .click();
  await shot(alice, 'report-dialog', 'light', NARROW);
  await alice.keyboard.press('Escape');

  await alice.getByRole('button', { name: 'Back to chats' }).click();
  await shot(alice, 'contact-list', 'light', NARROW);
  await shot(alice, 'contact-list', 'dark', NARROW);
  await alice.setViewportSize(WIDE);
  await alice.getByRole('button', { name: 'Add contact' }).click();
  const dialog = alice.getByRole('dialog', { name: 'Add contact' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Dan');
  await dialog.getByRole('textbox', { name: 'Email' }).fill('dan@');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await shot(alice, 'add-contact-dialog', 'light', WIDE);
  await alice.keyboard.press('Escape');
  await alice.getByRole('button', { name: 'Account' }).click();
  await alice.getByRole('menuitem', { name: 'About' }).click();
  await shot(alice, 'about-dialog', 'dark', WIDE);
  await alice.keyboard.press('Escape');
  await alice.getByRole('button', { name: 'Account' }).click();
  await shot(alice, 'account-menu', 'dark', WIDE);
  await alice.keyboard.press('Escape');

  // A message request: read it, then Accept / Block / Report (no composer yet).
  await alice.getByRole('list', { name: 'Message requests' }).getByRole('link').first().click();
  await alice.getByRole('region', { name: 'Message request', exact: true }).waitFor();
  await shot(alice, 'message-request', 'light', WIDE);

  // Offline: messages wait in the outbox, shown as sending.
  await alice.getByRole('list', { name: 'Contacts' }).getByText('Bob Martin').click();
  await alice.context().setOffline(true);
  await say(alice, 'Running 5 minutes late (written offline)');
  await say(alice, 'This one waits too');
  await shot(alice, 'offline-pending', 'light', WIDE);
  await alice.context().setOffline(false);
  await bob.getByRole('log').getByText('This one waits too').waitFor({ timeout: 30_000 });
  await shot(bob, 'delivered-after-offline', 'dark', WIDE);

  // The message lifecycle: ticks, a reply, an edited and a deleted message (bob reads live).
  await say(alice, 'Which trail do you prefer?');
  await bubble(bob, 'Which trail do you prefer?').waitFor({ timeout: 30_000 });
  await act(bob, 'Which trail do you prefer?', 'Reply');
  await say(bob, 'The ridge loop, the views are worth the climb');
  await bubble(alice, 'The ridge loop, the views are worth the climb').waitFor({ timeout: 30_000 });
  await say(alice, 'Bring an umbrela');
  await act(alice, 'Bring an umbrela', 'Edit');
  const edit = alice.getByRole('textbox', { name: 'Edit message' });
  await edit.fill('Bring an umbrella, rain after 2');
  await edit.press('Enter');
  await say(alice, 'Ignore the last photo');
  await act(alice, 'Ignore the last photo', 'Delete for everyone');
  await alice.getByRole('dialog').getByRole('button', { name: 'Delete for everyone' }).click();
  await bubble(bob, 'This message was deleted').waitFor({ timeout: 30_000 });
  await bubble(bob, 'Bring an umbrella, rain after 2').waitFor({ timeout: 30_000 });
  await bubble(alice, 'Bring an umbrella, rain after 2')
    .locator('[data-tick="read"]')
    .waitFor({ timeout: 30_000 });
  await shot(alice, 'lifecycle', 'light', WIDE);
  await shot(alice, 'lifecycle', 'dark', WIDE);
  await shot(bob, 'lifecycle-received', 'light', NARROW);
  await shot(bob, 'lifecycle-received', 'dark', NARROW);
  await bubble(alice, 'Which trail do you prefer?')
    .first()
    .getByRole('button', { name: /^Actions for / })
    .click();
  await shot(alice, 'message-actions', 'light', WIDE);
  await alice.keyboard.press('Escape');
} finally {
  await browser.close();
  await stack.stop();
}
