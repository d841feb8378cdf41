import deployment from '../../deployment.json' with { type: 'json' };

/**
 * The socket's wiring (the deployment contract's `realtime`, sync-api/deployment.json), shared
 * with Terraform and the local stand-in.
 * Typed here once; nothing else reads the JSON file directly.
 */
export interface RealtimeWiring {
  stage: string;
  routeSelectionExpression: string;
  routes: string[];
  tokenQueryParameter: string;
  clientIdQueryParameter: string;
  limits: { maxConnectionSeconds: number; idleTimeoutSeconds: number; maxMessageBytes: number };
  connectionTtlSeconds: number;
  client: {
    reconnectBeforeSeconds: number;
    keepaliveSeconds: number;
    fallbackPollSeconds: number;
    /** One more pull this long after the last poke: the pull indexes (GSIs) lag the write. */
    settlePullMs: number;
  };
  typing: { throttleMs: number; clearAfterMs: number };
  pokeBudgetMs: number;
  throttling: { burstLimit: number; rateLimit: number };
}

export const wiring: RealtimeWiring = deployment.realtime;

export const routeKeys = {
  connect: '$connect',
  disconnect: '$disconnect',
  typing: 'typing',
  ping: 'ping',
} as const;
