/// <reference lib="webworker" />

/**
 * A click on a notification: focus a window already on that conversation, else bring an open
 * window of the app there, else open the app on it.
 */
export async function openFromNotification(
  clients: Clients,
  origin: string,
  url: string,
): Promise<void> {
  const target = new URL(url, origin);
  if (target.origin !== origin) return;
  const windows = (await clients.matchAll({
    type: 'window',
    includeUncontrolled: true,
  })) as WindowClient[];
  const same = windows.find((w) => new URL(w.url).pathname === target.pathname);
  if (same) {
    await same.focus();
    return;
  }
  const any = windows[0];
  if (any) {
    const focused = await any.focus();
    // navigate() works for windows this worker controls; otherwise open a fresh one.
    if (await focused.navigate(target.href).catch(() => null)) return;
  }
  await clients.openWindow(target.href);
}
