import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import Provider, { type Account, type Client, type KoaContextWithOIDC } from 'oidc-provider';
import type { DeploymentContract } from './contract.ts';
import { sendHtml } from './http.ts';
import { grantedScopes, handleInteraction } from './interactions.ts';
import type { SigningKeys } from './oidc-keys.ts';
import type { OidcStore } from './oidc-store.ts';
import { autoSubmitJs, renderMessagePage, renderSignOutPage, signInCss } from './sign-in-page.ts';
import type { LocalUser, UserStore } from './users.ts';

export const localClientID = 'chatscape-local';

export interface OidcOptions {
  /** http://127.0.0.1:<port>, no trailing slash: the `iss` of every token. */
  issuer: string;
  appURL: string;
  signingKeys: SigningKeys;
  users: UserStore;
  store: OidcStore;
  /** The client is registered from the contract's oauth section, as Terraform registers it. */
  contract: DeploymentContract;
  /** ID (and access) token lifetime; default: the contract's idTokenMinutes. */
  idTokenTtlSeconds?: number;
}

/** The claims Cognito puts in an ID token (`aud`, `iss`, `exp`... are added by the provider). */
function cognitoClaims(user: LocalUser) {
  return {
    sub: user.sub,
    email: user.email,
    email_verified: true,
    'cognito:username': user.sub,
    token_use: 'id',
  };
}

function accountFinder(users: UserStore) {
  return async (_ctx: KoaContextWithOIDC, sub: string): Promise<Account | undefined> => {
    const user = await users.findBySub(sub);
    return user && { accountId: sub, claims: async () => cognitoClaims(user) };
  };
}

/** No consent screen for the one first-party client: its grant is created on first use. */
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const { client, session, result, provider } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const grant =
    (grantId ? await provider.Grant.find(grantId) : undefined) ??
    new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
  grant.addOIDCScope(grantedScopes);
  await grant.save();
  return grant;
}

function ttl(oauth: DeploymentContract['oauth'], idTokenTtlSeconds: number | undefined) {
  const days = (n: number) => n * 24 * 3600;
  return {
    AccessToken: idTokenTtlSeconds ?? oauth.accessTokenMinutes * 60,
    AuthorizationCode: 60,
    IdToken: idTokenTtlSeconds ?? oauth.idTokenMinutes * 60,
    Interaction: 3600,
    // Refresh tokens, and so the session they keep alive, live as long as the contract says.
    RefreshToken: days(oauth.refreshTokenDays),
    Grant: days(oauth.refreshTokenDays),
    Session: days(oauth.refreshTokenDays),
  };
}

export function createOidcProvider(options: OidcOptions): Provider {
  const appOrigin = new URL(options.appURL).origin;
  const { oauth } = options.contract;
  const provider = new Provider(options.issuer, {
    clients: [
      {
        client_id: localClientID,
        client_name: 'ChatScape (local)',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        // Exactly what Terraform registers on Cognito: a redirect_uri the app sends that the
        // contract does not name fails here as it would there.
        redirect_uris: [`${options.appURL}${oauth.redirectPath}`],
        post_logout_redirect_uris: [`${options.appURL}${oauth.postLogoutPath}`],
        scope: [...oauth.scopes, 'offline_access'].join(' '),
        id_token_signed_response_alg: 'RS256',
      },
    ],
    jwks: options.signingKeys,
    adapter: options.store.adapterFor,
    cookies: { keys: options.store.cookieKeys },
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    responseTypes: ['code'],
    claims: {
      openid: ['sub', 'cognito:username', 'token_use'],
      email: ['email', 'email_verified'],
      profile: [],
    },
    // Scope claims go into the ID token itself, as Cognito does (the API reads `email` there).
    conformIdTokenClaims: false,
    findAccount: accountFinder(options.users),
    loadExistingGrant,
    // Cognito always returns a refresh token to a client allowed the grant.
    issueRefreshToken: async (_ctx: KoaContextWithOIDC, client: Client) =>
      client.grantTypeAllowed('refresh_token'),
    // Like Cognito with refresh_token_rotation: every refresh returns a new refresh token and
    // the old one stops working (Cognito allows a short grace period; this provider none).
    rotateRefreshToken: () => oauth.refreshTokenRotation,
    pkce: { required: () => true },
    clientBasedCORS: (_ctx: KoaContextWithOIDC, origin: string, client: Client) =>
      origin === appOrigin && client.clientId === localClientID,
    interactions: {
      url: (_ctx: KoaContextWithOIDC, i: { uid: string }) => `/interaction/${i.uid}`,
    },
    ttl: ttl(oauth, options.idTokenTtlSeconds),
    features: {
      devInteractions: { enabled: false },
      revocation: {
        enabled: true,
        allowedPolicy: async (
          _ctx: KoaContextWithOIDC,
          client: Client,
          token: { clientId: string },
        ) => token.clientId === client.clientId,
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = renderSignOutPage(form);
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = renderMessagePage(
            'Signed out',
            'You are signed out of ChatScape.',
            new URL(options.appURL),
          );
        },
      },
    },
    renderError: async (
      ctx: KoaContextWithOIDC,
      out: { error: string; error_description?: string },
    ) => {
      ctx.type = 'html';
      ctx.body = renderMessagePage(
        'Sign-in error',
        out.error_description ?? out.error,
        new URL(options.appURL),
      );
    },
  });
  return provider;
}

/** Pages may only load our own CSS and script, and forms may land back in the app. */
function securityHeaders(res: ServerResponse, appOrigin: string) {
  res.setHeader(
    'content-security-policy',
    `default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self' ${appOrigin}; frame-ancestors 'none'; base-uri 'none'`,
  );
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
  res.setHeader('x-frame-options', 'DENY');
}

const assets: Record<string, { type: string; body: string }> = {
  '/local/sign-in.css': { type: 'text/css; charset=utf-8', body: signInCss },
  '/local/auto-submit.js': { type: 'text/javascript; charset=utf-8', body: autoSubmitJs },
};

/** The OpenID provider's HTTP entry: our assets and interaction pages, then oidc-provider. */
export function createOidcListener(
  provider: Provider,
  deps: { users: UserStore; appURL: string; quiet: boolean },
): RequestListener {
  const callback = provider.callback();
  const appOrigin = new URL(deps.appURL).origin;
  return (req: IncomingMessage, res: ServerResponse) => {
    securityHeaders(res, appOrigin);
    const pathname = new URL(req.url ?? '/', provider.issuer).pathname;
    const asset = assets[pathname];
    if (asset && req.method === 'GET') {
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-cache' });
      res.end(asset.body);
      return;
    }
    handleInteraction({ provider, ...deps }, req, res, pathname)
      .then((handled) => {
        if (!handled) callback(req, res);
      })
      .catch((error: unknown) => {
        if (!deps.quiet) console.error('sign-in page failed', error);
        if (!res.headersSent)
          sendHtml(res, 500, renderMessagePage('Error', 'Something went wrong.'));
      });
  };
}
