import * as v from 'valibot';
import { emailSchema } from '../protocol/index.ts';

/**
 * What the sync Lambda hands the notifier (the asynchronous invoke's event): who wrote, to
 * whom. Server to server, but still parsed at the notifier's boundary.
 */
export const notifyJobSchema = v.strictObject({
  v: v.literal(1),
  sender: emailSchema,
  recipients: v.pipe(v.array(emailSchema), v.minLength(1), v.maxLength(100)),
});
export type NotifyJob = v.InferOutput<typeof notifyJobSchema>;
