import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Dialog } from './dialog.tsx';
import { TextField } from './text-field.tsx';

export interface NameDialogProps {
  open: boolean;
  title: string;
  /** What the name field starts with. */
  initial: string;
  confirmLabel: string;
  /** Saves the name; resolves to an error to show, or null when done. */
  onSubmit: (name: string) => Promise<string | null>;
  onClose: () => void;
  children?: ReactNode;
}

/** Asks for a contact's name: renaming a contact, or naming a message request on accepting it. */
export function NameDialog({
  open,
  title,
  initial,
  confirmLabel,
  onSubmit,
  onClose,
  children,
}: NameDialogProps) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setName(initial);
      setError(null);
    }
  }, [open, initial]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = await onSubmit(name);
    if (problem) setError(problem);
  };
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="dialog__body">
          {children}
          <TextField
            label="Name"
            name="name"
            autoComplete="off"
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={error ?? undefined}
          />
        </div>
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button">
            {confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
