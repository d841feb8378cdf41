/**
 * The app's one Trusted Types policy. The CSP says `require-trusted-types-for 'script'` and
 * `trusted-types default` (sync-api/deployment.json): no string reaches an HTML, script or
 * script-URL sink unless this policy lets it. It lets exactly one thing through: script URLs of
 * our own origin (the service worker, registered by workbox-window with a plain string). HTML
 * and script strings have no rule here, so they stay blocked.
 *
 * Loaded from index.html before the app, so the policy exists before anything registers.
 */
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): unknown;
}

export function sameOriginScriptURL(input: string, origin = globalThis.location.origin): string {
  const url = new URL(input, `${origin}/`);
  if (url.origin !== origin) throw new TypeError(`script URL not allowed by policy: ${url.href}`);
  return url.href;
}

const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
factory?.createPolicy('default', { createScriptURL: (input) => sameOriginScriptURL(input) });
