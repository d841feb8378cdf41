import { type FormEvent, useState } from 'react';
import { reportContact } from '../../db/index.ts';
import { encodeReason } from '../../lib/report-reason.ts';
import { useSession } from '../../lib/session.tsx';
import { sentence } from '../../lib/text.ts';
import { Dialog } from '../../ui/dialog.tsx';
import { type ReportChoice, ReportFields } from '../../ui/report-fields.tsx';

export interface ReportDialogProps {
  open: boolean;
  email: string;
  name: string;
  onClose: () => void;
}

const empty: ReportChoice = { category: null, details: '' };

/**
 * Report: a category (required) and optional details, sent as one reason ("spam: details").
 * Submitting stays in the app (no form navigation).
 */
export function ReportDialog({ open, email, name, onClose }: ReportDialogProps) {
  const { db, afterWrite } = useSession();
  const [choice, setChoice] = useState<ReportChoice>(empty);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setChoice(empty);
    setError(null);
    onClose();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (!choice.category) {
      setError('Choose what is wrong.');
      form.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
      return;
    }
    const result = await reportContact(db, email, encodeReason(choice.category, choice.details));
    if (!result.ok) {
      setError(sentence(result.errors.reason ?? result.errors.email ?? 'Cannot report'));
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
          <ReportFields
            value={choice}
            onChange={(next) => {
              setChoice(next);
              setError(null);
            }}
            error={error}
          />
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
