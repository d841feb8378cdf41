import { expect, it } from 'vitest';
import { shownTime } from './format-time.ts';

it('shows the server time once accepted, the device time while pending', () => {
  expect(shownTime({ sentAt: 1_000, serverTime: 5_000 })).toBe(5_000);
  expect(shownTime({ sentAt: 9_000, serverTime: 5_000 })).toBe(5_000);
  expect(shownTime({ sentAt: 1_000, serverTime: null })).toBe(1_000);
});
