import { useEffect, useState } from 'react';
import { type ChatDb, openSignedInDb } from '../db/index.ts';

/**
 * The signed-in user's database, once registered and open (null until then, and after
 * sign-out). Opening goes through the account registry (openSignedInDb), so a database is
 * never created for a user who is not signed in on this browser.
 */
export function useUserDb(email: string | null, apiURL: string): ChatDb | null {
  const [db, setDb] = useState<ChatDb | null>(null);
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
      (error: unknown) => console.error('cannot open the local database', error),
    );
    return () => {
      live = false;
      opened?.close();
      setDb(null);
    };
  }, [email, apiURL]);
  return db && db.self === email ? db : null;
}
