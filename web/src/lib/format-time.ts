const DAY = 24 * 60 * 60 * 1000;

function startOfDay(time: number): number {
  const d = new Date(time);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * When a message happened, as shown: the server's time once the server has accepted it (the
 * same clock that orders the conversation, so times, day separators and order agree for
 * everyone), the device's clock only while it is still waiting to be sent.
 */
export function shownTime(message: { serverTime: number | null; sentAt: number }): number {
  return message.serverTime ?? message.sentAt;
}

/** "14:05" or "2:05 PM", in the user's locale. */
export function formatTime(time: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(time);
}

/** "Today", "Yesterday", or a full date, in the user's locale. */
export function formatDay(time: number, now: number = Date.now(), locale?: string): string {
  const days = Math.round((startOfDay(time) - startOfDay(now)) / DAY);
  if (days === 0 || days === -1) {
    const text = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day');
    return text.charAt(0).toLocaleUpperCase() + text.slice(1);
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full' }).format(time);
}

export function isSameDay(a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b);
}

/** A short relative age: "just now", "5 min ago", for the last-synced indicator. */
export function formatAge(time: number, now: number = Date.now(), locale?: string): string {
  const seconds = Math.round((time - now) / 1000);
  if (seconds > -45) return 'just now';
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  if (seconds > -3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (seconds > -86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}
