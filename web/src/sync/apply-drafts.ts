import type { ChatDb, LocalContact } from '../db/index.ts';

/**
 * Pulled drafts (another device of the user typed them) into the local draft rows the
 * composer shows: only a draft newer than the row's version (UUIDv7 ids compare in time
 * order), and never over a dirty row (typed here, not queued yet: it will be queued with a
 * newer id and win). Call inside the answer's transaction (drafts included).
 */
export async function applyPulledDrafts(
  db: ChatDb,
  contacts: readonly LocalContact[],
  now: number,
): Promise<void> {
  const pulled = contacts.filter((c) => c.draftId !== undefined);
  if (pulled.length === 0) return;
  const rows = await db.drafts.bulkGet(pulled.map((c) => c.email));
  const next = pulled.flatMap((contact, i) => {
    const local = rows[i];
    const id = contact.draftId as string;
    if (local && (local.version === undefined || local.version >= id)) return [];
    if (!local && !contact.draft) return [];
    return [{ peer: contact.email, text: contact.draft ?? '', updatedAt: now, version: id }];
  });
  if (next.length > 0) await db.drafts.bulkPut(next);
}
