import { join } from 'node:path';
import { localEnv } from './env.ts';
import { openUserStore, UserInputError } from './users.ts';

// Usage: npx tsx sync-api/local/add-user.ts <email> <password>
// Writes <CHATSCAPE_DATA_DIR or .data>/users.json; a running stack sees the user at once.
const [email, password] = process.argv.slice(2);
if (!email || !password) {
  console.error('Usage: npx tsx sync-api/local/add-user.ts <email> <password>');
  process.exit(2);
}
const file = join(localEnv().dataDir, 'users.json');
try {
  const users = await openUserStore(file);
  const user = await users.create(email, password);
  console.log(`Added ${user.email} (sub ${user.sub}) to ${file}`);
} catch (error) {
  if (!(error instanceof UserInputError)) throw error;
  console.error(error.message);
  process.exit(1);
}
