import deployment from '../../deployment.json' with { type: 'json' };

/**
 * Web Push wiring (the deployment contract's `push`, sync-api/deployment.json), shared with
 * Terraform (terraform/push.tf) and the local stack. Typed here once.
 */
export interface PushWiring {
  handler: string;
  memoryMb: number;
  timeoutSeconds: number;
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
  /** `{prefix}` = the deployment's name prefix. */
  vapidParameterName: string;
  /** How long a push service keeps an undelivered poke (the TTL header). */
  ttlSeconds: number;
  urgency: 'very-low' | 'low' | 'normal' | 'high';
  /** How long an unsubscribe's tombstone is kept (it outlives any replay of older subscribes). */
  tombstoneDays: number;
  /** Push service hosts a subscription may name; `*.` = any subdomain. https only. */
  endpointHosts: string[];
}

export const pushWiring = deployment.push as PushWiring;

/** The SSM parameter holding the VAPID private key for a deployment prefix. */
export const vapidParameterName = (prefix: string) =>
  pushWiring.vapidParameterName.replace('{prefix}', prefix);
