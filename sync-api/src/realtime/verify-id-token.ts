import { type JWTVerifyGetKey, jwtVerify } from 'jose';
import * as v from 'valibot';
import { emailSchema } from '../protocol/index.ts';

export interface IdTokenRules {
  /** Must equal the token's `iss` (the Cognito user pool URL). */
  issuer: string;
  /** The app client id, the ID token's `aud`. */
  audience: string;
  /** The issuer's public keys (a remote JWKS in AWS, a local set on the local stack). */
  keys: JWTVerifyGetKey;
}

export type TokenVerdict = { ok: true; email: string } | { ok: false; reason: string };

/**
 * The HTTP API's rules for a WebSocket, which has no JWT authorizer: RS256 only (no `none`, no
 * HMAC keyed with the public key), a `kid` from the JWKS, exact `iss` and `aud`, `exp` in the
 * future, and then the handler's own rules: `token_use` "id" and a verified email. Never throws.
 */
export async function verifyIdToken(
  token: string | undefined,
  rules: IdTokenRules,
): Promise<TokenVerdict> {
  if (!token) return { ok: false, reason: 'missing token' };
  try {
    const { payload } = await jwtVerify(token, rules.keys, {
      algorithms: ['RS256'],
      issuer: rules.issuer,
      audience: rules.audience,
      requiredClaims: ['exp'],
    });
    if (payload.token_use !== 'id') return { ok: false, reason: 'not an ID token' };
    if (String(payload.email_verified) !== 'true')
      return { ok: false, reason: 'email not verified' };
    const email = v.safeParse(emailSchema, payload.email);
    return email.success ? { ok: true, email: email.output } : { ok: false, reason: 'bad email' };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
