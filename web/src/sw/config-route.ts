import { registerRoute } from 'workbox-routing';
import { answerConfig, CONFIG_PATH } from './config-cache.ts';

/** Routes the origin's /config.json through answerConfig. */
export function registerConfigRoute(scope: ServiceWorkerGlobalScope): void {
  registerRoute(
    ({ url }) => url.origin === scope.location.origin && url.pathname === CONFIG_PATH,
    ({ request, event }) =>
      answerConfig(request, {
        caches: scope.caches,
        fetch: (input, init) => scope.fetch(input, init),
        waitUntil: (task) => (event as ExtendableEvent).waitUntil(task),
      }),
  );
}
