import { limits } from '@chatscape/sync-api/protocol';
import { expect, it } from 'vitest';
import { encodeReason, maxReportDetails, reportCategories } from './report-reason.ts';

it('puts the category first and the details after it', () => {
  expect(encodeReason('spam', '')).toBe('spam');
  expect(encodeReason('harassment', '  threats  ')).toBe('harassment: threats');
});

it('fits the longest details of every category in the protocol limit', () => {
  for (const { value } of reportCategories) {
    expect(encodeReason(value, 'x'.repeat(maxReportDetails)).length).toBeLessThanOrEqual(
      limits.maxReasonLength,
    );
  }
});
