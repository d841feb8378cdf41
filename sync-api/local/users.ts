import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import * as v from 'valibot';
import { emailSchema } from '../src/protocol/index.ts';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keyLength: number,
) => Promise<Buffer>;

export const demoPassword = 'chatscape';
export const demoEmails = ['alice@example.com', 'bob@example.com', 'carol@example.com'] as const;
export const minPasswordLength = 8;

const userSchema = v.object({
  email: v.string(),
  /** Stable per email: becomes `sub` and `cognito:username`. */
  sub: v.string(),
  salt: v.string(),
  hash: v.string(),
});
export type LocalUser = v.InferOutput<typeof userSchema>;
const userFileSchema = v.object({ users: v.array(userSchema) });

export class UserInputError extends Error {
  override name = 'UserInputError';
}

/** Dev accounts of the local OpenID provider. */
export interface UserStore {
  findByEmail(email: string): Promise<LocalUser | undefined>;
  findBySub(sub: string): Promise<LocalUser | undefined>;
  /** The user when the password matches; undefined otherwise (unknown email included). */
  verify(email: string, password: string): Promise<LocalUser | undefined>;
  /** Throws UserInputError for an invalid email, a short password or an existing account. */
  create(email: string, password: string): Promise<LocalUser>;
}

/** A UUIDv5 of the email: the same user gets the same sub in every stack, in memory or not. */
export function subForEmail(email: string): string {
  const namespace = Buffer.from('6f1c3ad2-9a0e-4f43-9d38-2b7e0c5a1e11'.replaceAll('-', ''), 'hex');
  const bytes = createHash('sha1').update(namespace).update(email).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function normalizeEmail(raw: string): string {
  const parsed = v.safeParse(emailSchema, raw);
  if (!parsed.success) throw new UserInputError(parsed.issues[0]?.message ?? 'invalid email');
  return parsed.output;
}

async function hashPassword(password: string, salt: Buffer): Promise<Buffer> {
  return scryptAsync(password, salt, 32);
}

export async function makeUser(rawEmail: string, password: string): Promise<LocalUser> {
  const email = normalizeEmail(rawEmail);
  if (password.length < minPasswordLength) {
    throw new UserInputError(`password must be at least ${minPasswordLength} characters`);
  }
  const salt = randomBytes(16);
  const hash = await hashPassword(password, salt);
  return {
    email,
    sub: subForEmail(email),
    salt: salt.toString('base64'),
    hash: hash.toString('base64'),
  };
}

async function passwordMatches(user: LocalUser, password: string): Promise<boolean> {
  const expected = Buffer.from(user.hash, 'base64');
  const actual = await hashPassword(password, Buffer.from(user.salt, 'base64'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

interface Persistence {
  load(): Promise<LocalUser[]>;
  save(users: LocalUser[]): Promise<void>;
}

function memoryPersistence(): Persistence {
  let users: LocalUser[] = [];
  return {
    load: async () => users,
    save: async (next) => {
      users = next;
    },
  };
}

/** Re-read on every call, so `add-user.ts` works while the stack runs. */
function filePersistence(file: string): Persistence {
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const parsed = v.safeParse(userFileSchema, JSON.parse(text));
      if (!parsed.success) throw new Error(`${file} is not a valid users file`);
      return parsed.output.users;
    },
    async save(users) {
      await mkdir(dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
      await rename(temp, file);
    },
  };
}

/** Opens the store (file-backed unless `file` is null) and makes sure the demo users exist. */
export async function openUserStore(file: string | null): Promise<UserStore> {
  const persistence = file === null ? memoryPersistence() : filePersistence(file);
  const existing = await persistence.load();
  const missing = demoEmails.filter((email) => !existing.some((u) => u.email === email));
  if (missing.length > 0) {
    const created = await Promise.all(missing.map((email) => makeUser(email, demoPassword)));
    await persistence.save([...existing, ...created]);
  }
  return {
    findByEmail: async (email) => (await persistence.load()).find((u) => u.email === email),
    findBySub: async (sub) => (await persistence.load()).find((u) => u.sub === sub),
    async verify(rawEmail, password) {
      const email = rawEmail.trim().toLowerCase();
      const user = (await persistence.load()).find((u) => u.email === email);
      return user && (await passwordMatches(user, password)) ? user : undefined;
    },
    async create(rawEmail, password) {
      const user = await makeUser(rawEmail, password);
      const users = await persistence.load();
      if (users.some((u) => u.email === user.email)) {
        throw new UserInputError(`an account for ${user.email} already exists`);
      }
      await persistence.save([...users, user]);
      return user;
    },
  };
}
