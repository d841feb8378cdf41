/**
 * The deployment contract (sync-api/deployment.json) as the local stack reads it: the same file
 * Terraform reads, so the dev provider, the gateway stand-in and the app server are wired
 * exactly like Cognito, API Gateway + Lambda and CloudFront. Each side fills in its own URLs.
 */
import deployment from '../deployment.json' with { type: 'json' };

export interface RouteContract {
  authorization: 'JWT' | 'NONE';
  throttlingBurstLimit: number;
  throttlingRateLimit: number;
}

export interface DeploymentContract {
  /** The fields of /config.json, written by both sides and parsed by the app. */
  appConfig: { fields: string[] };
  oauth: {
    redirectPath: string;
    postLogoutPath: string;
    scopes: string[];
    idTokenMinutes: number;
    accessTokenMinutes: number;
    refreshTokenDays: number;
    refreshTokenRotation: boolean;
    refreshTokenRetryGraceSeconds: number;
  };
  headers: {
    contentSecurityPolicy: Record<string, string[]>;
    strictTransportSecurity: {
      maxAgeSeconds: number;
      includeSubdomains: boolean;
      preload: boolean;
    };
    frameOptions: string;
    referrerPolicy: string;
    contentTypeOptions: string;
    custom: Record<string, string>;
  };
  caching: {
    immutablePrefix: string;
    immutable: string;
    noCachePaths: string[];
    noCache: string;
    dayCacheableExtensions: string[];
    day: string;
    staticExtensions: string[];
  };
  compression: { encodings: string[]; minBytes: number; maxBytes: number; contentTypes: string[] };
  api: {
    pathPrefix: string;
    routes: Record<string, RouteContract>;
    limits: {
      requestBodyBytes: number;
      integrationTimeoutSeconds: number;
      lambdaPayloadBytes: number;
    };
  };
  lambda: {
    runtime: string;
    memoryMb: number;
    timeoutSeconds: number;
    reservedConcurrency: number;
    environment: Record<string, string>;
  };
}

/** Any part of the contract, for tests and tools that run a deliberately different stack. */
export type ContractOverride = {
  [K in keyof DeploymentContract]?: DeepPartial<DeploymentContract[K]>;
};
type DeepPartial<T> = T extends unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export const contract = deployment as unknown as DeploymentContract;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function merge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override))
    return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = merge(base[key], value);
  return out;
}

/** The contract with `override` merged in (objects deeply, arrays and scalars replaced). */
export function resolveContract(override: ContractOverride = {}): DeploymentContract {
  return merge(contract, override) as DeploymentContract;
}

/** Values for the CSP placeholders: the issuer's origin and the hosted UI's origin. */
export interface CspHosts {
  idp: string;
  hostedUI: string;
  /** Live delivery: the WebSocket API's origin (ws://127.0.0.1:port locally); absent = none. */
  realtime?: string;
}

/** The Content-Security-Policy value, directives in the contract's order (Terraform sorts). */
export function contentSecurityPolicy(c: DeploymentContract, hosts: CspHosts): string {
  const fills: Record<string, string | undefined> = {
    '{idp}': hosts.idp,
    '{hostedUI}': hosts.hostedUI,
    '{realtime}': hosts.realtime,
  };
  const fill = (source: string) => (source in fills ? fills[source] : source);
  const unique = (sources: string[]) => [
    ...new Set(sources.map(fill).filter((s): s is string => s !== undefined)),
  ];
  return Object.entries(c.headers.contentSecurityPolicy)
    .map(([directive, sources]) => [directive, ...unique(sources)].join(' '))
    .join('; ');
}

/** The CloudFront response headers policy: every header, on every response. */
export function securityHeaders(c: DeploymentContract, hosts: CspHosts): Record<string, string> {
  const hsts = c.headers.strictTransportSecurity;
  const custom = Object.fromEntries(
    Object.entries(c.headers.custom).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return {
    'content-security-policy': contentSecurityPolicy(c, hosts),
    'strict-transport-security': [
      `max-age=${hsts.maxAgeSeconds}`,
      ...(hsts.includeSubdomains ? ['includeSubDomains'] : []),
      ...(hsts.preload ? ['preload'] : []),
    ].join('; '),
    'x-content-type-options': c.headers.contentTypeOptions,
    'x-frame-options': c.headers.frameOptions,
    'referrer-policy': c.headers.referrerPolicy,
    ...custom,
  };
}

const extensionOf = (pathname: string) => {
  const last = pathname.split('/').pop() ?? '';
  const dot = last.lastIndexOf('.');
  return dot < 0 ? '' : last.slice(dot + 1).toLowerCase();
};

/** Cache-Control of a path, by the rules Terraform uploads objects with (terraform/web.tf). */
export function cacheControl(c: DeploymentContract, pathname: string): string {
  const rules = c.caching;
  if (pathname.startsWith(rules.immutablePrefix)) return rules.immutable;
  if (rules.noCachePaths.includes(pathname)) return rules.noCache;
  if (rules.dayCacheableExtensions.includes(extensionOf(pathname))) return rules.day;
  return rules.noCache;
}

/** An app route (answered with index.html), as CloudFront's SPA function decides it. */
export function isAppRoute(c: DeploymentContract, pathname: string): boolean {
  return !c.caching.staticExtensions.includes(extensionOf(pathname));
}
