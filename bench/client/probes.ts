/**
 * Functions that run inside the page (passed to addInitScript / page.evaluate, so each is
 * self-contained). "Painted" = the first frame after the DOM change: a requestAnimationFrame
 * callback, then a message posted from it, which runs once that frame's paint work is done.
 */

export interface ListProbeArgs {
  /** Contact rows the list must hold to count as painted. */
  contacts: number;
}

export interface ListMarks {
  /** ms since navigation start: the list's rows are in the DOM … */
  listDom?: number;
  /** … and the frame that shows them has been painted. */
  listPainted?: number;
}

/** Init script: watches the page from document start for the contact list. */
export function installListProbe(args: ListProbeArgs): void {
  const marks: ListMarks = {};
  (window as unknown as { __benchMarks: ListMarks }).__benchMarks = marks;
  const observer = new MutationObserver(() => {
    const rows = document.querySelectorAll('[aria-label="Contacts"] li').length;
    if (rows < args.contacts) return;
    observer.disconnect();
    marks.listDom = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        marks.listPainted = performance.now();
      };
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

export interface OpenResult {
  /** ms from the click to the first painted frame with message rows. */
  firstPaint: number;
  /**
   * ms from the click to the painted frame that shows the newest message; NaN when it is not
   * drawn within 5 s of the first paint (the log opened at an "Unread messages" divider far
   * above it, as a 100,000-message conversation with 200 unread in its window does).
   */
  newestPaint: number;
  /** [data-message-id] elements in the DOM at first paint. */
  elementsAtFirstPaint: number;
}

/** Clicks a conversation in the list and times its first paint. */
export function openConversation(args: { href: string; newest: string }): Promise<OpenResult> {
  const afterPaint = (cb: (t: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => cb(performance.now());
      channel.port2.postMessage(0);
    });
  return new Promise((resolve, reject) => {
    const link = document.querySelector<HTMLAnchorElement>(
      `[aria-label="Contacts"] a[href="${args.href}"]`,
    );
    if (!link) {
      reject(new Error(`no contact link ${args.href}`));
      return;
    }
    let first: { at: number; elements: number } | undefined;
    let newest: number | undefined;
    let seenRows = false;
    let seenNewest = false;
    const start = performance.now();
    let giveUp: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      if (first && newest === undefined && giveUp === undefined) {
        giveUp = setTimeout(() => {
          newest = Number.NaN;
          finish();
        }, 5_000);
      }
      if (!first || newest === undefined) return;
      clearTimeout(giveUp);
      observer.disconnect();
      clearTimeout(timeout);
      resolve({
        firstPaint: first.at - start,
        newestPaint: Number.isNaN(newest) ? Number.NaN : newest - start,
        elementsAtFirstPaint: first.elements,
      });
    };
    const check = () => {
      const log = document.querySelector('[role="log"]');
      if (!log) return;
      if (!seenRows && log.querySelector('[data-message-id]')) {
        seenRows = true;
        afterPaint((at) => {
          first = { at, elements: document.querySelectorAll('[data-message-id]').length };
          finish();
        });
      }
      if (!seenNewest && log.textContent?.includes(args.newest)) {
        seenNewest = true;
        afterPaint((at) => {
          newest = at;
          finish();
        });
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    const timeout = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`conversation ${args.href} did not paint within 20 s`));
    }, 20_000);
    link.click();
    check();
  });
}

/**
 * Arms a probe for one send: from the Enter keydown (its event timestamp) to the painted
 * frame that shows a message row containing `text`. Await `window.__benchSend` afterwards.
 */
export function armSendProbe(args: { text: string }): void {
  const w = window as unknown as { __benchSend: Promise<number> };
  w.__benchSend = new Promise((resolve, reject) => {
    let pressedAt: number | undefined;
    let shown = false;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter') pressedAt = event.timeStamp;
    };
    window.addEventListener('keydown', onKey, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (shown) return;
      const rows = document.querySelectorAll('[role="log"] [data-message-id]');
      for (const row of rows) {
        if (!row.textContent?.includes(args.text)) continue;
        shown = true;
        observer.disconnect();
        clearTimeout(timeout);
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            if (pressedAt === undefined) reject(new Error('no Enter keydown seen'));
            else resolve(performance.now() - pressedAt);
          };
          channel.port2.postMessage(0);
        });
        return;
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    const timeout = setTimeout(() => {
      observer.disconnect();
      reject(new Error('sent message did not appear within 10 s'));
    }, 10_000);
  });
}
