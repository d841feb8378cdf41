import type { SyncStore } from '../src/store/sync-store.ts';

/** Runs `hook` (once) whenever `when` matches a store call, before or after the call itself. */
export function hooked(
  inner: SyncStore,
  when: (method: string, args: unknown[]) => boolean,
  hook: () => Promise<void>,
  after = false,
): SyncStore {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const fn = Reflect.get(target, prop, receiver);
      if (typeof fn !== 'function') return fn;
      return async (...args: unknown[]) => {
        const hit = when(String(prop), args);
        if (hit && !after) await hook();
        const result = await fn.apply(target, args);
        if (hit && after) await hook();
        return result;
      };
    },
  });
}
