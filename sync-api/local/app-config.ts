import type { DeploymentContract } from './contract.ts';

/** What the local stack knows that config.json is built from. */
export interface AppConfigInput {
  appURL: string;
  authority: string;
  clientID: string;
  /** Live delivery: the WebSocket stand-in's URL. */
  realtimeURL?: string;
  /** Web Push: the deployment's VAPID public key (base64url); absent = no notifications. */
  vapidPublicKey?: string;
}

/**
 * The /config.json the app loads: the same fields Terraform writes (terraform/web.tf), from the
 * same contract. The API is on the app's own origin (the app server proxies /sync), and the
 * dev provider's revocation and end-session endpoints stand in for Cognito's.
 */
export function appConfig(c: DeploymentContract, input: AppConfigInput) {
  const { appURL, authority, clientID, realtimeURL, vapidPublicKey } = input;
  return {
    apiURL: appURL,
    authority,
    clientID,
    scope: c.oauth.scopes.join(' '),
    redirectPath: c.oauth.redirectPath,
    postLogoutPath: c.oauth.postLogoutPath,
    endSessionEndpoint: `${authority}/session/end`,
    revocationEndpoint: `${authority}/token/revocation`,
    // Live delivery: the WebSocket stand-in; without it the app polls.
    ...(realtimeURL && { realtimeURL }),
    // Web Push: the public half of the local VAPID key pair (sync-api/local/push-stack.ts).
    ...(vapidPublicKey && { vapidPublicKey }),
  };
}
