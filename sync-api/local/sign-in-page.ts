import { escapeHtml } from './http.ts';
import { demoEmails, demoPassword, minPasswordLength } from './users.ts';

/** Served at /local/sign-in.css: the pages carry no inline style or script (strict CSP). */
export const signInCss = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d1d1f}
main{max-width:24rem;margin:3rem auto;padding:1.5rem 2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.1rem;margin:2rem 0 .5rem}
label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input{box-sizing:border-box;width:100%;padding:.5rem;font:inherit;border:1px solid #999;border-radius:4px}
button{margin-top:1rem;width:100%;padding:.6rem;font:inherit;font-weight:600;border:0;border-radius:4px;background:#1f5fd1;color:#fff;cursor:pointer}
button:focus-visible,input:focus-visible{outline:3px solid #f5a623;outline-offset:1px}
.secondary{background:#4a4a4a}.note{color:#555;font-size:.9rem}
.error{color:#a0001c;background:#fde8ec;padding:.5rem .75rem;border-radius:4px}
`;

/** Served at /local/auto-submit.js: sign-out confirms itself, like Cognito's /logout. */
export const autoSubmitJs = `document.querySelector('[data-auto-submit]')?.click();\n`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ChatScape (local)</title>
<link rel="stylesheet" href="/local/sign-in.css">
</head>
<body><main>
${body}
</main></body>
</html>
`;
}

const alert = (message: string | undefined) =>
  message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : '';

export interface SignInPageModel {
  uid: string;
  email?: string;
  error?: string;
  newEmail?: string;
  createError?: string;
}

/**
 * The hosted sign-in page. Fields are labelled exactly "Email" and "Password"; the dev-only
 * sign-up form uses distinct labels, and each form has an accessible name.
 */
export function renderSignInPage(model: SignInPageModel): string {
  const base = `/interaction/${encodeURIComponent(model.uid)}`;
  const demo = demoEmails.map((e) => `<code>${e}</code>`).join(', ');
  return page(
    'Sign in',
    `<h1 id="sign-in-title">Sign in to ChatScape</h1>
<p class="note">Local development sign-in. Demo users: ${demo}; password <code>${demoPassword}</code>.</p>
${alert(model.error)}
<form id="sign-in" aria-labelledby="sign-in-title" method="post" action="${base}/login">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(model.email ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<h2 id="create-account-title">Create account (dev only)</h2>
${alert(model.createError)}
<form id="create-account" aria-labelledby="create-account-title" method="post" action="${base}/create-account">
<label for="new-email">New account email</label>
<input id="new-email" name="email" type="email" autocomplete="email" required value="${escapeHtml(model.newEmail ?? '')}">
<label for="new-password">New account password (at least ${minPasswordLength} characters)</label>
<input id="new-password" name="password" type="password" autocomplete="new-password" minlength="${minPasswordLength}" required>
<button type="submit" class="secondary">Create account</button>
</form>`,
  );
}

export function renderMessagePage(title: string, message: string, link?: URL): string {
  const back = link ? `<p><a href="${escapeHtml(link.href)}">Back to ChatScape</a></p>` : '';
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>\n${back}`);
}

/** Replaces oidc-provider's logout page (inline styles, a "stay signed in" choice). */
export function renderSignOutPage(form: string): string {
  return page(
    'Sign out',
    `<h1>Signing you out…</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" data-auto-submit>Sign out</button>
<script src="/local/auto-submit.js"></script>`,
  );
}
