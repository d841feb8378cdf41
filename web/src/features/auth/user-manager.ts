import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { OnlineConfig } from '../../config/config.ts';

export type OidcConfig = Pick<
  OnlineConfig,
  | 'authority'
  | 'clientID'
  | 'scope'
  | 'redirectPath'
  | 'postLogoutPath'
  | 'endSessionEndpoint'
  | 'revocationEndpoint'
>;

/**
 * Code + PKCE against the configured OpenID provider (Cognito in AWS, the dev provider
 * locally). Paths and endpoints come from config.json, i.e. from the deployment contract the
 * provider's client is registered from. The session lives in localStorage so it survives
 * reloads and works offline: reading it needs no network, and nothing here fetches discovery
 * until a sign-in, refresh or sign-out actually talks to the provider.
 */
export function createUserManager(config: OidcConfig, origin = window.location.origin) {
  return new UserManager({
    authority: config.authority,
    client_id: config.clientID,
    redirect_uri: `${origin}${config.redirectPath}`,
    post_logout_redirect_uri: `${origin}${config.postLogoutPath}`,
    response_type: 'code',
    scope: config.scope,
    // Cognito's discovery names neither its /logout nor its revocation endpoint: config.json
    // does, and these win over whatever discovery says.
    metadataSeed: {
      ...(config.endSessionEndpoint && { end_session_endpoint: config.endSessionEndpoint }),
      ...(config.revocationEndpoint && { revocation_endpoint: config.revocationEndpoint }),
    },
    userStore: new WebStorageStateStore({ store: window.localStorage }),
    // Refresh-token renewal before expiry; no iframe fallback (there is no silent_redirect_uri).
    automaticSilentRenew: true,
    loadUserInfo: false,
    monitorSession: false,
    requestTimeoutInSeconds: 10,
  });
}

/** Seconds-since-epoch `exp` of a JWT, without verifying it (the server verifies). */
export function jwtExpiry(token: string): number | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}
