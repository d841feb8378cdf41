/**
 * The browser's sign-in, done over plain HTTP: authorization code + PKCE (S256) against the
 * local OpenID provider, through its real sign-in page. For tests, e2e setup and benchmarks.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { contract } from '../../local/contract.ts';
import type { LocalStack } from '../../local/stack.ts';

export type StackEndpoints = Pick<LocalStack, 'appURL' | 'authority' | 'clientID'>;

export interface Tokens {
  idToken: string;
  refreshToken: string;
  accessToken: string;
}

/** The provider answered the form with a page instead of a redirect (e.g. wrong password). */
export class SignInRejectedError extends Error {
  constructor(
    readonly status: number,
    readonly page: string,
  ) {
    super(`sign-in rejected with HTTP ${status}`);
    this.name = 'SignInRejectedError';
  }
}

/** A minimal cookie jar: one host, so names are unique enough and paths are ignored. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [key = '', val = ''] = a.split('=').map((s) => s.trim());
        if (/^max-age$/i.test(key)) return Number(val) <= 0;
        return /^expires$/i.test(key) && Date.parse(val) <= Date.now();
      });
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** fetch without following redirects, carrying the jar's cookies both ways. */
export async function fetchWithJar(jar: CookieJar, url: string | URL, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  const cookie = jar.header();
  if (cookie) headers.set('cookie', cookie);
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(res);
  return res;
}

const isRedirect = (res: Response) => res.status >= 300 && res.status < 400;

/** Follows redirects until the app's redirect URI (returned) or a page (returned as a Response). */
async function follow(jar: CookieJar, res: Response, from: string, redirectUri: string) {
  let current = res;
  let base = from;
  while (isRedirect(current)) {
    const location = new URL(current.headers.get('location') ?? '', base);
    if (location.href.startsWith(redirectUri)) return location;
    await current.arrayBuffer();
    base = location.href;
    current = await fetchWithJar(jar, location);
  }
  return current;
}

function formAction(page: string, formId: string, authority: string): URL {
  const match = new RegExp(`<form id="${formId}"[^>]*action="([^"]+)"`).exec(page);
  if (!match?.[1]) throw new Error(`no form #${formId} on the page`);
  return new URL(match[1].replaceAll('&amp;', '&'), authority);
}

export interface SignInOptions {
  jar?: CookieJar;
  /** Use the page's dev-only "Create account" form instead of "Sign in". */
  createAccount?: boolean;
  scope?: string;
  /** The redirect path to send; default: the contract's, which the web app takes from config.json. */
  redirectPath?: string;
}

/** Signs in through the hosted page and exchanges the code; throws SignInRejectedError. */
export async function signIn(
  stack: StackEndpoints,
  email: string,
  password: string,
  options: SignInOptions = {},
): Promise<Tokens> {
  const jar = options.jar ?? new CookieJar();
  const verifier = randomBytes(32).toString('base64url');
  const state = randomUUID();
  const redirectUri = `${stack.appURL}${options.redirectPath ?? contract.oauth.redirectPath}`;
  const auth = new URL('/auth', stack.authority);
  auth.search = new URLSearchParams({
    client_id: stack.clientID,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: options.scope ?? contract.oauth.scopes.join(' '),
    state,
    nonce: randomUUID(),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  let step = await follow(jar, await fetchWithJar(jar, auth), auth.href, redirectUri);
  if (!(step instanceof URL)) {
    const page = await step.text();
    if (step.status !== 200) throw new SignInRejectedError(step.status, page);
    const action = formAction(
      page,
      options.createAccount ? 'create-account' : 'sign-in',
      stack.authority,
    );
    const posted = await fetchWithJar(jar, action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password }).toString(),
    });
    if (!isRedirect(posted)) throw new SignInRejectedError(posted.status, await posted.text());
    step = await follow(jar, posted, action.href, redirectUri);
    if (!(step instanceof URL)) throw new SignInRejectedError(step.status, await step.text());
  }
  if (step.searchParams.get('state') !== state) throw new Error('state mismatch');
  const code = step.searchParams.get('code');
  if (!code) throw new Error(`no code in ${step.href}`);
  return tokenRequest(stack, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
}

/** The dev-only sign-up on the sign-in page; the new user ends up signed in. */
export function createAccount(stack: StackEndpoints, email: string, password: string) {
  return signIn(stack, email, password, { createAccount: true });
}

/** What oidc-client-ts does to renew silently. */
export function refreshTokens(stack: StackEndpoints, refreshToken: string): Promise<Tokens> {
  return tokenRequest(stack, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

async function tokenRequest(
  stack: StackEndpoints,
  params: Record<string, string>,
): Promise<Tokens> {
  const res = await fetch(new URL('/token', stack.authority), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.appURL },
    body: new URLSearchParams({ ...params, client_id: stack.clientID }).toString(),
  });
  const body = (await res.json()) as Record<string, string>;
  if (!res.ok) throw new Error(`token endpoint: ${res.status} ${JSON.stringify(body)}`);
  const { id_token, refresh_token, access_token } = body;
  if (!id_token || !refresh_token || !access_token) {
    throw new Error(`token endpoint returned ${Object.keys(body).join(', ')}`);
  }
  return { idToken: id_token, refreshToken: refresh_token, accessToken: access_token };
}
