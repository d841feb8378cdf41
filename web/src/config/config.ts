import * as v from 'valibot';

const urlSchema = v.pipe(v.string(), v.trim(), v.url('must be an absolute URL'));
const optionalUrl = v.optional(v.union([v.literal(''), urlSchema]));
const pathSchema = v.pipe(v.string(), v.regex(/^\/[^?#\s]*$/, 'must be a path starting with /'));

/**
 * /config.json, written by Terraform (or the local stack) next to the app from the deployment
 * contract (sync-api/deployment.json): nothing is baked into the build. No apiURL means demo
 * mode. The OAuth paths come from the same contract the identity provider registers the client
 * from, so the redirect_uri the app sends is the one the provider accepts.
 */
export const configSchema = v.object({
  apiURL: optionalUrl,
  authority: optionalUrl,
  clientID: v.optional(v.string()),
  /** OIDC scopes; Cognito's default suits most providers. */
  scope: v.optional(v.string()),
  /** Live delivery: the WebSocket API (wss://…/<stage>); absent = the app polls. */
  realtimeURL: optionalUrl,
  /** Web Push: the deployment's VAPID public key (base64url); absent = no notifications. */
  vapidPublicKey: v.optional(
    v.union(
      [v.literal(''), v.pipe(v.string(), v.regex(/^B[A-Za-z0-9_-]{86}$/))],
      'must be a base64url P-256 public key',
    ),
  ),
  /** Where the provider sends the browser back with the code (the contract's redirectPath). */
  redirectPath: v.optional(pathSchema),
  /** Where sign-out lands (the contract's postLogoutPath). */
  postLogoutPath: v.optional(pathSchema),
  /** Ends the provider's session (Cognito: /logout?client_id=…&logout_uri=…, not in its discovery). */
  endSessionEndpoint: v.optional(urlSchema),
  /** Revokes the refresh token at sign-out (Cognito: /oauth2/revoke). */
  revocationEndpoint: v.optional(urlSchema),
});

export type RawConfig = v.InferOutput<typeof configSchema>;

export type OnlineConfig = {
  mode: 'online';
  apiURL: string;
  authority: string;
  clientID: string;
  scope: string;
  redirectPath: string;
  postLogoutPath: string;
  endSessionEndpoint?: string;
  revocationEndpoint?: string;
  /** Live delivery: the WebSocket API (wss://…/<stage>); absent = the app polls. */
  realtimeURL?: string;
  /** Web Push: the VAPID public key for pushManager.subscribe(); absent = no notifications. */
  vapidPublicKey?: string;
};

export type AppConfig = { mode: 'demo' } | OnlineConfig;

const DEFAULT_SCOPE = 'openid email profile';

/** Validates config.json; errors name the field (e.g. "authority: must be an absolute URL"). */
export function parseConfig(data: unknown): AppConfig {
  const parsed = v.safeParse(configSchema, data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '(root)';
    throw new Error(`config.json is invalid: ${path}: ${issue?.message ?? 'invalid'}`);
  }
  const {
    apiURL,
    authority,
    clientID,
    scope,
    redirectPath,
    postLogoutPath,
    realtimeURL,
    vapidPublicKey,
    ...endpoints
  } = parsed.output;
  if (!apiURL) return { mode: 'demo' };
  if (!authority || !clientID) {
    throw new Error('config.json is invalid: authority and clientID are required with apiURL');
  }
  if (!redirectPath || !postLogoutPath) {
    throw new Error(
      'config.json is invalid: redirectPath and postLogoutPath are required with apiURL',
    );
  }
  return {
    mode: 'online',
    apiURL: apiURL.replace(/\/+$/, ''),
    authority,
    clientID,
    scope: scope ?? DEFAULT_SCOPE,
    redirectPath,
    postLogoutPath,
    ...(endpoints.endSessionEndpoint && { endSessionEndpoint: endpoints.endSessionEndpoint }),
    ...(endpoints.revocationEndpoint && { revocationEndpoint: endpoints.revocationEndpoint }),
    ...(realtimeURL && { realtimeURL }),
    ...(vapidPublicKey && { vapidPublicKey }),
  };
}
