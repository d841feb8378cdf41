/**
 * The crash fault makes the core log "sync failed" on purpose, thousands of times. Drop those
 * lines (and only those). Not vi.spyOn: a spy keeps every call's arguments, which over a
 * 100,000-schedule soak is gigabytes of Error objects.
 */
export function silenceExpectedCrashLogs() {
  const original = console.error;
  console.error = (...args: unknown[]) => {
    if (args[0] === 'sync failed' && String(args[1]).includes('instance crashed')) return;
    original(...args);
  };
}
