import { createContext, type ReactNode, useContext } from 'react';

const PushKeyContext = createContext<string | null>(null);

/** The deployment's VAPID public key (config.json); null = no notifications (e.g. demo mode). */
export function PushKeyProvider({
  value,
  children,
}: {
  value: string | null;
  children: ReactNode;
}) {
  return <PushKeyContext.Provider value={value}>{children}</PushKeyContext.Provider>;
}

export const usePushKey = () => useContext(PushKeyContext);
