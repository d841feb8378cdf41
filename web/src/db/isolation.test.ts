import { Dexie } from 'dexie';
import { expect, it } from 'vitest';
import { addContact } from './commands/add-contact.ts';
import { dbNameFor, deleteChatDb, openChatDb } from './open.ts';

it('keeps each signed-in user in their own database', async () => {
  const alice = openChatDb('Alice@Example.com');
  const bob = openChatDb('bob@example.com');
  expect(alice.name).toBe('chatscape-user-alice@example.com');
  expect(dbNameFor('x@example.com', true)).toBe('chatscape-demo');
  await addContact(alice, { name: 'Carol', email: 'carol@example.com' });
  expect(await alice.contacts.count()).toBe(1);
  expect(await bob.contacts.count()).toBe(0);
  expect(await bob.outbox.count()).toBe(0);

  await deleteChatDb(alice);
  expect(await Dexie.exists('chatscape-user-alice@example.com')).toBe(false);
  expect(await Dexie.exists('chatscape-user-bob@example.com')).toBe(true);
  const again = openChatDb('alice@example.com');
  expect(await again.contacts.count()).toBe(0);
  again.close();
  bob.close();
});
