import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';
import {
  CookieJar,
  createAccount,
  fetchWithJar,
  refreshTokens,
  SignInRejectedError,
  signIn,
} from './sign-in.ts';

const port = (url: string) => Number(new URL(url).port);

describe('dev OpenID provider', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ dataDir: null, webDist: null, quiet: true });
  });
  afterAll(() => stack.stop());

  it('signs alice in and issues a Cognito-shaped ID token', async () => {
    const tokens = await signIn(stack, 'alice@example.com', 'chatscape');
    const claims = decodeJwt(tokens.idToken);
    expect(decodeProtectedHeader(tokens.idToken).alg).toBe('RS256');
    expect(claims).toMatchObject({
      iss: stack.authority,
      aud: stack.clientID,
      email: 'alice@example.com',
      email_verified: true,
      token_use: 'id',
    });
    expect(claims['cognito:username']).toBe(claims.sub);
    expect(claims.sub).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    expect(tokens.refreshToken).toBeTruthy();
  });

  it('shows an error on a wrong password and issues nothing', async () => {
    const failure = await signIn(stack, 'alice@example.com', 'wrong-password').catch((e) => e);
    expect(failure).toBeInstanceOf(SignInRejectedError);
    expect(failure.status).toBe(401);
    expect(failure.page).toContain('Incorrect email or password.');
    expect(failure.page).toContain('value="alice@example.com"');
  });

  it('serves a sign-in page without inline script or style, under a strict CSP', async () => {
    const jar = new CookieJar();
    const auth = new URL('/auth', stack.authority);
    auth.search = new URLSearchParams({
      client_id: stack.clientID,
      redirect_uri: `${stack.appURL}/callback`,
      response_type: 'code',
      scope: 'openid email',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    const redirect = await fetchWithJar(jar, auth);
    const page = await fetchWithJar(
      jar,
      new URL(redirect.headers.get('location') ?? '', stack.authority),
    );
    const html = await page.text();
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`form-action 'self' ${stack.appURL}`);
    expect(csp).not.toContain('unsafe-inline');
    expect(html).toMatch(/<input id="email" name="email"/);
    expect(html).toMatch(/<input id="password" name="password"/);
    expect(html).toContain('<button type="submit">Sign in</button>');
    expect(html).not.toMatch(/<script(?! src)|<style|style="/);
  });

  it('requires PKCE', async () => {
    const auth = new URL('/auth', stack.authority);
    auth.search = new URLSearchParams({
      client_id: stack.clientID,
      redirect_uri: `${stack.appURL}/callback`,
      response_type: 'code',
      scope: 'openid',
      state: 'x',
    }).toString();
    const res = await fetch(auth, { redirect: 'manual' });
    expect(res.headers.get('location')).toContain('error=invalid_request');
  });

  it('creates an account on the dev form; the new user can then sign in', async () => {
    const created = await createAccount(stack, 'Dave@Example.com', 'dave-password');
    expect(decodeJwt(created.idToken).email).toBe('dave@example.com');
    const again = await signIn(stack, 'dave@example.com', 'dave-password');
    expect(decodeJwt(again.idToken).sub).toBe(decodeJwt(created.idToken).sub);
    const duplicate = await createAccount(stack, 'dave@example.com', 'other-password').catch(
      (e) => e,
    );
    expect(duplicate.page).toContain('already exists');
  });

  it('refreshes silently, with CORS for the app origin only', async () => {
    const tokens = await signIn(stack, 'bob@example.com', 'chatscape');
    const renewed = await refreshTokens(stack, tokens.refreshToken);
    expect(decodeJwt(renewed.idToken).email).toBe('bob@example.com');
    const tokenRequest = (origin: string) =>
      fetch(new URL('/token', stack.authority), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: renewed.refreshToken,
          client_id: stack.clientID,
        }),
      });
    const fromApp = await tokenRequest(stack.appURL);
    expect(fromApp.headers.get('access-control-allow-origin')).toBe(stack.appURL);
    const fromEvil = await tokenRequest('http://evil.example');
    expect(fromEvil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('signs out with id_token_hint and returns to the app', async () => {
    const jar = new CookieJar();
    const tokens = await signIn(stack, 'carol@example.com', 'chatscape', { jar });
    const end = new URL('/session/end', stack.authority);
    end.search = new URLSearchParams({
      id_token_hint: tokens.idToken,
      post_logout_redirect_uri: `${stack.appURL}/`,
      state: 'bye',
    }).toString();
    const page = await (await fetchWithJar(jar, end)).text();
    const action = /action="([^"]+)"/.exec(page)?.[1] ?? '';
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    expect(page).toContain('/local/auto-submit.js');
    const confirmed = await fetchWithJar(jar, action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }),
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`${stack.appURL}/?state=bye`);
    await expect(refreshTokens(stack, tokens.refreshToken)).rejects.toThrow(/invalid_grant/);
  });
});

describe('refresh tokens, as the contract configures Cognito', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ dataDir: null, webDist: null, quiet: true });
  });
  afterAll(() => stack.stop());

  it('rotates: every refresh returns a new refresh token and the old one stops working', async () => {
    const first = await signIn(stack, 'alice@example.com', 'chatscape');
    const second = await refreshTokens(stack, first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await expect(refreshTokens(stack, first.refreshToken)).rejects.toThrow(/invalid_grant/);
  });

  it('revokes at the advertised revocation endpoint: the revoked token refreshes nothing', async () => {
    const config = (await (await fetch(`${stack.appURL}/config.json`)).json()) as {
      revocationEndpoint: string;
    };
    const { refreshToken } = await signIn(stack, 'carol@example.com', 'chatscape');
    const res = await fetch(config.revocationEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.appURL },
      body: new URLSearchParams({
        token: refreshToken,
        token_type_hint: 'refresh_token',
        client_id: stack.clientID,
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(stack.appURL);
    await expect(refreshTokens(stack, refreshToken)).rejects.toThrow(/invalid_grant/);
  });

  it('ends the session at the advertised end-session endpoint', async () => {
    const config = (await (await fetch(`${stack.appURL}/config.json`)).json()) as {
      endSessionEndpoint: string;
    };
    const discovery = (await (
      await fetch(`${stack.authority}/.well-known/openid-configuration`)
    ).json()) as { end_session_endpoint: string; revocation_endpoint: string };
    expect(config.endSessionEndpoint).toBe(discovery.end_session_endpoint);
  });
});

describe('persistence', () => {
  it('keeps signing keys, users and refresh tokens across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'chatscape-oidc-'));
    try {
      const first = await startLocalStack({ dataDir, webDist: null, quiet: true });
      const created = await createAccount(first, 'erin@example.com', 'erin-password');
      await first.stop();

      const ports = { appPort: port(first.appURL), oidcPort: port(first.authority) };
      const second = await startLocalStack({ dataDir, webDist: null, quiet: true, ...ports });
      try {
        const again = await signIn(second, 'erin@example.com', 'erin-password');
        expect(decodeProtectedHeader(again.idToken).kid).toBe(
          decodeProtectedHeader(created.idToken).kid,
        );
        expect(decodeJwt(again.idToken).sub).toBe(decodeJwt(created.idToken).sub);
        const renewed = await refreshTokens(second, created.refreshToken);
        expect(decodeJwt(renewed.idToken).email).toBe('erin@example.com');
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
