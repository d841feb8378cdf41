import { Dexie, type EntityTable } from 'dexie';

/**
 * Which users are signed in on this browser, and where their API is: the service worker
 * wakes up for a Background Sync with no page around, and this is how it finds the
 * databases to flush. A user's database exists only while they are registered here:
 * sign-in registers before opening it, sign-out unregisters before deleting it, and
 * openUserDb refuses an unregistered user, so nothing recreates a signed-out user's data.
 */
export interface Account {
  self: string;
  apiURL: string;
  updatedAt: number;
}

class AccountsDb extends Dexie {
  declare accounts: EntityTable<Account, 'self'>;
  constructor() {
    super('chatscape-accounts');
    this.version(1).stores({ accounts: 'self' });
  }
}

let instance: AccountsDb | undefined;
const accountsDb = () => {
  instance ??= new AccountsDb();
  return instance;
};

export async function registerAccount(self: string, apiURL: string, now = Date.now()) {
  await accountsDb().accounts.put({ self, apiURL, updatedAt: now });
}

export async function unregisterAccount(self: string) {
  await accountsDb().accounts.delete(self);
}

/** Whether `self` is signed in on this browser: only then may their database be opened. */
export async function isRegistered(self: string): Promise<boolean> {
  return (await accountsDb().accounts.get(self)) !== undefined;
}

export function listAccounts(): Promise<Account[]> {
  return accountsDb().accounts.toArray();
}
