import { hueFor, initials } from '../lib/initials.ts';

/**
 * Initials on a colour derived from the email: made on the device, nothing is fetched.
 * Lightness 30% keeps white initials above WCAG AA's 4.5:1 for every hue.
 */
export function Avatar({ name, email, size = 40 }: { name: string; email: string; size?: number }) {
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{
        width: size,
        height: size,
        fontSize: size * 0.4,
        backgroundColor: `hsl(${hueFor(email)} 55% 30%)`,
      }}
    >
      {initials(name, email)}
    </span>
  );
}
