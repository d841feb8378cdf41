import { useEffect, useState } from 'react';
import { type ChatDb, openSignedInDb } from '../db/index.ts';

/**
 * The signed-in user's database, once registered and open (null until then, and after
 * sign-out). Opening goes through the account registry (openSignedInDb), so a database is
 * never created for a user who is not signed in on this browser.
 */
export function useUserDb(
  email: string | null,
  apiURL: string,
): { db: ChatDb | null; error: string | null } {
  const [db, setDb] = useState<ChatDb | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!email) return;
    let live = true;
    let opened: ChatDb | undefined;
    openSignedInDb(email, apiURL).then(
      (next) => {
        opened = next;
        if (live) setDb(next);
        else next.close();
      },
      (failure: unknown) => {
        console.error('cannot open the local database', failure);
        if (live) setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    return () => {
      live = false;
      opened?.close();
      setDb(null);
      setError(null);
    };
  }, [email, apiURL]);
  return { db: db && db.self === email ? db : null, error };
}
