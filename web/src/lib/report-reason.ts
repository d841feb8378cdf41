import { limits } from '@chatscape/sync-api/protocol';

/** What a report can be about. The server keeps one free-text reason (≤ 2,000 characters). */
export const reportCategories = [
  { value: 'spam', label: 'Spam' },
  { value: 'harassment', label: 'Harassment' },
  { value: 'impersonation', label: 'Impersonation' },
  { value: 'other', label: 'Something else' },
] as const;

export type ReportCategory = (typeof reportCategories)[number]['value'];

/** Room left for the details after "impersonation: ". */
export const maxReportDetails = limits.maxReasonLength - 'impersonation: '.length;

/**
 * The protocol's `reason` for a report: the category, then the optional details
 * ("spam: sends links all day"), so an operator can sort reports without a protocol change.
 */
export function encodeReason(category: ReportCategory, details: string): string {
  const text = details.trim();
  return text ? `${category}: ${text}` : category;
}
