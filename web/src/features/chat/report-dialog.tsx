import { type FormEvent, useId, useState } from 'react';
import { reportContact } from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';
import { sentence } from '../../lib/text.ts';
import { Dialog } from '../../ui/dialog.tsx';

export interface ReportDialogProps {
  open: boolean;
  email: string;
  name: string;
  onClose: () => void;
}

/** Report with a required reason. Submitting stays in the app (no form navigation). */
export function ReportDialog({ open, email, name, onClose }: ReportDialogProps) {
  const { db, afterWrite } = useSession();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const close = () => {
    setReason('');
    setError(null);
    onClose();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await reportContact(db, email, reason);
    if (!result.ok) {
      setError(sentence(result.errors.reason ?? 'Reason is required'));
      document.getElementById(id)?.focus();
      return;
    }
    afterWrite();
    close();
  };

  return (
    <Dialog open={open} title="Report" onClose={close}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="dialog__body">
          <p>Tell the ChatScape team what is wrong with {name}'s messages.</p>
          <div className="field">
            <label htmlFor={id} className="field__label">
              Reason
            </label>
            <textarea
              id={id}
              name="reason"
              className="field__input field__input--multiline"
              rows={4}
              value={reason}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(event) => setReason(event.target.value)}
            />
            {error && (
              <p id={`${id}-error`} className="field__error" role="alert">
                {error}
              </p>
            )}
          </div>
        </div>
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button--danger">
            Report
          </button>
        </div>
      </form>
    </Dialog>
  );
}
