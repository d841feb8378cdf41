/** The ChatScape mark: a speech bubble over a horizon. Inline SVG (no external request). */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" className="logo">
      <rect width="64" height="64" rx="14" className="logo__bg" />
      <path
        d="M16 18h32a6 6 0 0 1 6 6v14a6 6 0 0 1-6 6H30l-9 8v-8h-5a6 6 0 0 1-6-6V24a6 6 0 0 1 6-6z"
        className="logo__bubble"
      />
      <path d="M18 34l8-7 6 5 6-4 8 6" className="logo__line" />
    </svg>
  );
}
