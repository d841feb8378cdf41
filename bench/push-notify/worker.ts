import type { BrowserContext, Worker } from '@playwright/test';
import { deliverPush } from '../../e2e/support/push.ts';

async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers().at(-1) ?? context.waitForEvent('serviceworker');
}

/** Stamps Date.now() in the worker each time it calls showNotification. */
export async function recordShownAt(context: BrowserContext) {
  const sw = await serviceWorker(context);
  await sw.evaluate(() => {
    const scope = self as unknown as { __shownAt?: number[] };
    if (scope.__shownAt) return;
    scope.__shownAt = [];
    const original = ServiceWorkerRegistration.prototype.showNotification;
    ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
      scope.__shownAt?.push(Date.now());
      return original.call(this, title, options);
    };
  });
}

export async function shownTimes(context: BrowserContext): Promise<number[]> {
  const sw = await serviceWorker(context);
  return sw.evaluate(() => (self as unknown as { __shownAt?: number[] }).__shownAt ?? []);
}

export const deliverToWorker = deliverPush;
