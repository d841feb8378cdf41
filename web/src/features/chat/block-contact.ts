import { blockContact, type ChatDb, reportContact } from '../../db/index.ts';
import { encodeReason } from '../../lib/report-reason.ts';
import type { ReportChoice } from '../../ui/report-fields.tsx';

/** Block, and report too when the user ticked "Also report": two queued mutations, in order. */
export async function blockAndReport(db: ChatDb, email: string, report: ReportChoice | null) {
  await blockContact(db, email);
  if (report?.category) {
    await reportContact(db, email, encodeReason(report.category, report.details));
  }
}
