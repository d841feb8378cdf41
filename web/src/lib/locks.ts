/**
 * A named exclusive lock. In browsers this is the Web Locks API, so one flush runs at a time
 * across every tab and the service worker of the origin. `ifAvailable` returns `undefined`
 * without running `fn` when someone else holds the lock (a poll can simply skip its turn).
 */
export type LockFn = <T>(
  name: string,
  fn: () => Promise<T>,
  options?: { ifAvailable?: boolean },
) => Promise<T | undefined>;

/** An in-process lock for tests and for environments without `navigator.locks`. */
export function createMemoryLock(): LockFn {
  const tails = new Map<string, Promise<unknown>>();
  const held = new Set<string>();
  return async (name, fn, options) => {
    if (options?.ifAvailable && held.has(name)) return undefined;
    const previous = tails.get(name) ?? Promise.resolve();
    const run = previous.then(async () => {
      held.add(name);
      try {
        return await fn();
      } finally {
        held.delete(name);
      }
    });
    tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  };
}

interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable?: boolean },
    fn: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

const SKIPPED = Symbol('skipped');

/**
 * The fallback for runtimes without `navigator.locks`: ONE per JS realm (module level), keyed
 * by name inside. A lock made afresh per call would exclude nothing: two syncOnce runs of one
 * user would then flush the same outbox at once.
 */
const realmLock: LockFn = createMemoryLock();

/**
 * Web Locks when the runtime has them (pages and service workers), else the realm's
 * in-process lock. Either way every caller in a realm shares it, so runs never overlap.
 */
export function defaultLock(): LockFn {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  if (!locks) return realmLock;
  return async <T>(name: string, fn: () => Promise<T>, options?: { ifAvailable?: boolean }) => {
    const result = await locks.request<T | typeof SKIPPED>(
      name,
      { ifAvailable: options?.ifAvailable ?? false },
      (lock) => (lock === null ? Promise.resolve(SKIPPED) : fn()),
    );
    return result === SKIPPED ? undefined : (result as T);
  };
}
