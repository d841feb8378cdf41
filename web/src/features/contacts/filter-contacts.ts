import type { ContactSummary } from '../../db/index.ts';
import { contactMatches, queryTerms } from '../../search/index.ts';

/**
 * The contacts whose name or email holds every word of the query, case and diacritics folded
 * (as the message search); a query with no words (blank, punctuation only) keeps everyone.
 */
export function filterByQuery(summaries: ContactSummary[], query: string): ContactSummary[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return summaries;
  return summaries.filter((s) => contactMatches(s.contact, terms));
}

/** Message requests (unknown senders, not blocked) apart from the contacts. */
export function splitRequests(summaries: ContactSummary[]) {
  const isRequest = (s: ContactSummary) => s.contact.request && !s.contact.blocked;
  return {
    requests: summaries.filter(isRequest),
    contacts: summaries.filter((s) => !isRequest(s)),
  };
}
