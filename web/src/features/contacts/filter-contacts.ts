import type { ContactSummary } from '../../db/index.ts';

/** Case-insensitive match on name and email. */
export function matches(summary: ContactSummary, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return true;
  const { name, email } = summary.contact;
  return name.toLocaleLowerCase().includes(q) || email.toLocaleLowerCase().includes(q);
}

/** Message requests (unknown senders, not blocked) apart from the contacts. */
export function splitRequests(summaries: ContactSummary[]) {
  const isRequest = (s: ContactSummary) => s.contact.request && !s.contact.blocked;
  return {
    requests: summaries.filter(isRequest),
    contacts: summaries.filter((s) => !isRequest(s)),
  };
}
