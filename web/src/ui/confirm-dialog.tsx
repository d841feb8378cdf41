import type { ReactNode } from 'react';
import { Dialog } from './dialog.tsx';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** A yes/no question. Cancel comes first in the tab order so Enter never confirms by accident. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <Dialog open={props.open} title={props.title} onClose={props.onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          props.onConfirm();
        }}
      >
        <div className="dialog__body">{props.children}</div>
        <div className="dialog__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={props.onClose}
            data-autofocus
          >
            Cancel
          </button>
          <button type="submit" className={`button ${props.danger ? 'button--danger' : ''}`}>
            {props.confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
