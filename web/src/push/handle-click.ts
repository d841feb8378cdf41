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
  // focus() and openWindow() need the click's user activation; a refused focus still leaves
  // the window on the right conversation.
  const focus = (w: WindowClient) => w.focus().catch(() => w);
  const same = windows.find((w) => new URL(w.url).pathname === target.pathname);
  if (same) {
    await focus(same);
    return;
  }
  const any = windows[0];
  // navigate() works for windows this worker controls; otherwise open a fresh one.
  if (any && (await any.navigate(target.href).catch(() => null))) {
    await focus(any);
    return;
  }
  await clients.openWindow(target.href);
}
