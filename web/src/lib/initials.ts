/** Up to two initials from a name, else from the email's local part. Never fetched remotely. */
export function initials(name: string, email: string): string {
  // A name that is an email (an accepted request) gives the same initials as the email.
  const named = name.trim() && !name.includes('@') ? name.trim() : '';
  const source = named || email.split('@')[0] || email;
  const words = source
    .split(/[\s._-]+/u)
    .filter(Boolean)
    .slice(0, 2);
  const letters = words.map((w) => Array.from(w)[0] ?? '').join('');
  return letters.toLocaleUpperCase() || '?';
}

/** A stable hue (0-359) for an email, so each contact keeps its avatar colour. */
export function hueFor(email: string): number {
  let hash = 0;
  for (const char of email) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % 360;
}
