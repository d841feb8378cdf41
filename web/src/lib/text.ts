/** "email is required" → "Email is required." (schema messages are shared with the server). */
export function sentence(message: string): string {
  const text = message.charAt(0).toLocaleUpperCase() + message.slice(1);
  return /[.!?]$/u.test(text) ? text : `${text}.`;
}

/** A contact's display name: the name, else the email. */
export function displayName(contact: { name: string; email: string }): string {
  return contact.name.trim() || contact.email;
}

/** The path of a conversation: `/chat/bob@example.com`. */
export function chatPath(email: string): string {
  return `/chat/${encodeURIComponent(email).replace(/%40/gu, '@')}`;
}

/** A starting point for a request's name: the address's local part, "ann.lee" → "Ann Lee". */
export function suggestedName(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local
    .split(/[._+-]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}
