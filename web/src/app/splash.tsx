import { Logo } from '../ui/logo.tsx';

export function Splash({ text }: { text?: string }) {
  return (
    <div className="splash" aria-busy="true">
      <Logo size={56} />
      {text && <p>{text}</p>}
    </div>
  );
}
