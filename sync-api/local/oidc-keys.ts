import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/** The provider's signing keys: private RSA JWKs, persisted so tokens outlive a restart. */
export interface SigningKeys {
  keys: JWK[];
}

async function generateSigningKeys(): Promise<SigningKeys> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] };
}

function isSigningKeys(value: unknown): value is SigningKeys {
  const keys = (value as SigningKeys | null)?.keys;
  return (
    Array.isArray(keys) &&
    keys.length > 0 &&
    keys.every((k) => k.kty === 'RSA' && typeof k.d === 'string' && typeof k.kid === 'string')
  );
}

/** Loads `file`, or generates and writes it; `null` keeps the keys in memory only. */
export async function loadOrCreateSigningKeys(file: string | null): Promise<SigningKeys> {
  if (file === null) return generateSigningKeys();
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (!isSigningKeys(parsed)) throw new Error(`${file} is not a private RSA JWK set`);
    return parsed;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const created = await generateSigningKeys();
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600 });
  return created;
}

/** The public half, as the JWKS endpoint publishes it. */
export function publicJwks(signing: SigningKeys): { keys: JWK[] } {
  return {
    keys: signing.keys.map(({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use })),
  };
}
