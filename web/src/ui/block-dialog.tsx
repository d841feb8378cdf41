import { useState } from 'react';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { type ReportChoice, ReportFields } from './report-fields.tsx';

export interface BlockDialogProps {
  open: boolean;
  name: string;
  /** What blocking means here, after "Block {name}?". */
  consequence: string;
  onClose: () => void;
  /** `report` is null unless the user also chose to report. */
  onConfirm: (report: ReportChoice | null) => void;
}

/** Block, with "Also report" (the report's category and details in the same dialog). */
export function BlockDialog({ open, name, consequence, onClose, onConfirm }: BlockDialogProps) {
  const [report, setReport] = useState(false);
  const [choice, setChoice] = useState<ReportChoice>({ category: 'spam', details: '' });
  const reset = () => {
    setReport(false);
    setChoice({ category: 'spam', details: '' });
  };
  return (
    <ConfirmDialog
      open={open}
      title="Block"
      confirmLabel={report ? 'Block and report' : 'Block'}
      danger
      onClose={() => {
        reset();
        onClose();
      }}
      onConfirm={() => {
        reset();
        onConfirm(report ? choice : null);
      }}
    >
      <p>
        Block {name}? {consequence}
      </p>
      <label className="choice block-dialog__report">
        <input
          type="checkbox"
          checked={report}
          onChange={(event) => setReport(event.target.checked)}
        />
        Also report {name} to ChatScape
      </label>
      {report && <ReportFields value={choice} onChange={setChoice} />}
    </ConfirmDialog>
  );
}
