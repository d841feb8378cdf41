import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Interaction } from 'oidc-provider';
import { readBody, sendHtml } from './http.ts';
import { renderMessagePage, renderSignInPage } from './sign-in-page.ts';
import { UserInputError, type UserStore } from './users.ts';

/** Every scope the first-party client may get; granted without a consent screen. */
export const grantedScopes = 'openid email profile offline_access';

interface InteractionDeps {
  provider: Provider;
  users: UserStore;
  appURL: string;
}

type Handler = (deps: InteractionDeps, req: IncomingMessage, res: ServerResponse) => Promise<void>;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'));
}

/** Signs the user in; consent is implicit for this first-party app, like Cognito's hosted UI. */
async function finishLogin(
  deps: InteractionDeps,
  req: IncomingMessage,
  res: ServerResponse,
  sub: string,
) {
  await deps.provider.interactionFinished(
    req,
    res,
    { login: { accountId: sub } },
    {
      mergeWithLastSubmission: false,
    },
  );
}

async function autoConsent(
  deps: InteractionDeps,
  req: IncomingMessage,
  res: ServerResponse,
  details: Interaction,
) {
  const accountId = details.session?.accountId;
  if (!accountId) throw new Error('consent prompt without a signed-in account');
  const grant = new deps.provider.Grant({ accountId, clientId: String(details.params.client_id) });
  grant.addOIDCScope(grantedScopes);
  const grantId = await grant.save();
  await deps.provider.interactionFinished(
    req,
    res,
    { consent: { grantId } },
    {
      mergeWithLastSubmission: true,
    },
  );
}

const showPage: Handler = async (deps, req, res) => {
  const details = await deps.provider.interactionDetails(req, res);
  if (details.prompt.name === 'consent') return autoConsent(deps, req, res, details);
  sendHtml(res, 200, renderSignInPage({ uid: details.uid }));
};

const login: Handler = async (deps, req, res) => {
  const details = await deps.provider.interactionDetails(req, res);
  const form = await readForm(req);
  const email = form.get('email') ?? '';
  const user = await deps.users.verify(email, form.get('password') ?? '');
  if (!user) {
    const error = 'Incorrect email or password.';
    sendHtml(res, 401, renderSignInPage({ uid: details.uid, email, error }));
    return;
  }
  await finishLogin(deps, req, res, user.sub);
};

const createAccount: Handler = async (deps, req, res) => {
  const details = await deps.provider.interactionDetails(req, res);
  const form = await readForm(req);
  const newEmail = form.get('email') ?? '';
  try {
    const user = await deps.users.create(newEmail, form.get('password') ?? '');
    await finishLogin(deps, req, res, user.sub);
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error;
    sendHtml(
      res,
      400,
      renderSignInPage({ uid: details.uid, newEmail, createError: error.message }),
    );
  }
};

const routes: Record<string, Handler> = {
  'GET ': showPage,
  'POST /login': login,
  'POST /create-account': createAccount,
};

/**
 * Routes `/interaction/:uid[/action]`; false when the path is not ours. A missing or expired
 * interaction (cookie gone, or the stack restarted mid-sign-in) gets a page leading back.
 */
export async function handleInteraction(
  deps: InteractionDeps,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<boolean> {
  const match = /^\/interaction\/[^/]+(\/[a-z-]+)?$/.exec(pathname);
  const handler = match && routes[`${req.method} ${match[1] ?? ''}`];
  if (!handler) return false;
  try {
    await handler(deps, req, res);
  } catch (error) {
    if ((error as Error).name !== 'SessionNotFound') throw error;
    const message =
      'This sign-in attempt has expired or was already used. Go back and sign in again.';
    sendHtml(res, 400, renderMessagePage('Sign-in expired', message, new URL(deps.appURL)));
  }
  return true;
}
