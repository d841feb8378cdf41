import { createLocalJWKSet, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';

export interface JwtAuthorizerOptions {
  /** Must equal the token's `iss`. */
  issuer: string;
  /** The audience list of the authorizer: here, the one app client id. */
  audience: string[];
  /** The provider's public keys (what its JWKS endpoint serves). */
  jwks: JSONWebKeySet;
}

export type VerifyResult = { ok: true; claims: JWTPayload } | { ok: false; reason: string };

/** `Bearer <jwt>` or a bare JWT: API Gateway's JWT authorizer takes either. */
export function tokenFromHeader(header: string | undefined): string | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(value);
  return match ? match[1] : value;
}

function audienceMatches(claims: JWTPayload, audience: string[]): boolean {
  // Like API Gateway: `aud` when present, otherwise `client_id` (Cognito access tokens).
  if (claims.aud !== undefined) {
    const list = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    return list.some((a) => audience.includes(a));
  }
  return typeof claims.client_id === 'string' && audience.includes(claims.client_id);
}

/**
 * Verifies a token the way an HTTP API JWT authorizer does: RS256 only (no `none`, no HMAC
 * made from the public key), a `kid` found in the JWKS, exact `iss`, `aud`/`client_id` in the
 * audience list, `exp` in the future and `nbf`/`iat` not in the future.
 */
export function createJwtAuthorizer(options: JwtAuthorizerOptions) {
  const keys = createLocalJWKSet(options.jwks);
  return async (authorization: string | undefined): Promise<VerifyResult> => {
    const token = tokenFromHeader(authorization);
    if (!token) return { ok: false, reason: 'missing token' };
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        issuer: options.issuer,
        requiredClaims: ['exp'],
      });
      if (!audienceMatches(payload, options.audience)) return { ok: false, reason: 'bad audience' };
      if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + 60) {
        return { ok: false, reason: 'issued in the future' };
      }
      return { ok: true, claims: payload };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  };
}
