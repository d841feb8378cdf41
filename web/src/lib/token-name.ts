/**
 * The display name in an ID token (`name`, else `given_name` + `family_name`), for showing
 * who is signed in; null when the token carries none. Display only: identity always comes
 * from the server's verified claims, never from this.
 */
export function nameFromIdToken(idToken: string | undefined): string | null {
  const payload = idToken?.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/gu, '+').replace(/_/gu, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
    const name =
      text(claims.name) || [text(claims.given_name), text(claims.family_name)].join(' ').trim();
    return name || null;
  } catch {
    return null;
  }
}
