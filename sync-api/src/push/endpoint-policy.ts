import { pushWiring } from './config.ts';

/**
 * Which push endpoints the server accepts: https on one of the contract's push services, or
 * one of `extraOrigins` (the local stack's http://127.0.0.1 push service; never set in AWS).
 * Anything else is refused, so a subscription cannot make the notifier call arbitrary hosts.
 */
export interface EndpointPolicy {
  /** An error text, or null when the endpoint is allowed. */
  check(endpoint: string): string | null;
}

export function createEndpointPolicy(
  hosts: readonly string[] = pushWiring.endpointHosts,
  extraOrigins: readonly string[] = [],
): EndpointPolicy {
  const matches = (host: string) =>
    hosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) : host === h));
  return {
    check(endpoint) {
      let url: URL;
      try {
        url = new URL(endpoint);
      } catch {
        return 'endpoint must be an absolute https URL';
      }
      if (extraOrigins.includes(url.origin)) return null;
      if (url.protocol !== 'https:') return 'endpoint must be an https URL';
      if (url.port !== '' || !matches(url.hostname)) {
        return `endpoint host ${url.host} is not a known push service`;
      }
      return null;
    },
  };
}
