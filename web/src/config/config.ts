import * as v from 'valibot';

const urlSchema = v.pipe(v.string(), v.trim(), v.url('must be an absolute URL'));
const optionalUrl = v.optional(v.union([v.literal(''), urlSchema]));

/**
 * /config.json, written by Terraform (or the local stack) next to the app: nothing is baked
 * into the build. No apiURL means demo mode.
 */
export const configSchema = v.object({
  apiURL: optionalUrl,
  authority: optionalUrl,
  clientID: v.optional(v.string()),
  /** OIDC scopes; Cognito's default suits most providers. */
  scope: v.optional(v.string()),
  /** Live delivery: the WebSocket API (wss://…/<stage>); absent = the app polls. */
  realtimeURL: optionalUrl,
});

export type RawConfig = v.InferOutput<typeof configSchema>;

export type AppConfig =
  | { mode: 'demo' }
  | {
      mode: 'online';
      apiURL: string;
      authority: string;
      clientID: string;
      scope: string;
      realtimeURL?: string;
    };

const DEFAULT_SCOPE = 'openid email profile';

/** Validates config.json; errors name the field (e.g. "authority: must be an absolute URL"). */
export function parseConfig(data: unknown): AppConfig {
  const parsed = v.safeParse(configSchema, data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '(root)';
    throw new Error(`config.json is invalid: ${path}: ${issue?.message ?? 'invalid'}`);
  }
  const { apiURL, authority, clientID, scope, realtimeURL } = parsed.output;
  if (!apiURL) return { mode: 'demo' };
  if (!authority || !clientID) {
    throw new Error('config.json is invalid: authority and clientID are required with apiURL');
  }
  return {
    mode: 'online',
    apiURL: apiURL.replace(/\/+$/, ''),
    authority,
    clientID,
    scope: scope ?? DEFAULT_SCOPE,
    ...(realtimeURL && { realtimeURL }),
  };
}
