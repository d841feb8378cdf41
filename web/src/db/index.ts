export {
  type Account,
  isRegistered,
  listAccounts,
  registerAccount,
  unregisterAccount,
} from './accounts.ts';
export { addContact, SELF_CONTACT_ERROR } from './commands/add-contact.ts';
export { clearChat, muteChat, removeCleared, renameContact } from './commands/chats.ts';
export {
  acceptRequest,
  blockContact,
  reportContact,
  unblockContact,
} from './commands/contact-actions.ts';
export { clearDraftOnSend, loadDraft, saveDraft, syncDraft } from './commands/drafts.ts';
export {
  canDeleteForEveryone,
  canEdit,
  checkEdit,
  deleteForEveryone,
  deleteForMe,
  editMessage,
} from './commands/message-lifecycle.ts';
export { discardOutbox, retryOutbox } from './commands/outbox-actions.ts';
export { markRead, readUpTo } from './commands/read-state.ts';
export {
  applyPulledSettings,
  queueReceipt,
  readReceiptsOn,
  setReadReceipts,
} from './commands/receipts.ts';
export type { CommandResult, FieldErrors } from './commands/result.ts';
export { sendMessage } from './commands/send-message.ts';
export {
  asDeleted,
  mergePulled,
  removeForMe,
  resummarizePeer,
  versionOfEdit,
  withEdit,
} from './lifecycle.ts';
export {
  getClientId,
  getMeta,
  getValidToken,
  PULL_CURSOR,
  type StoredToken,
  type SyncPhase,
  type SyncStatus,
  setMeta,
  updateStatus,
} from './meta.ts';
export {
  DEMO_SELF,
  dbNameFor,
  deleteChatDb,
  isDatabaseClosed,
  openChatDb,
  openSignedInDb,
  openUserDb,
} from './open.ts';
export { applyToContact, mergeServerContact, mutationPeer, newContact } from './optimistic.ts';
export { markFailed, type QueuedBatch, readQueuedBatch, writeWithOutbox } from './outbox.ts';
export * from './queries.ts';
export { keepMarks, type TickState, tickOf } from './receipt-marks.ts';
export { ChatDb, declareV1, declareV2, declareV3, declareV4, declareV5 } from './schema.ts';
export {
  conversationRange,
  lastOf,
  noteState,
  PREVIEW_LENGTH,
  refreshLast,
  resummarize,
  sortsAfter,
  summaryDrift,
  summaryFromScratch,
} from './summary.ts';
export * from './types.ts';
export {
  BACKLOG_CHUNK,
  drainWordBacklog,
  INLINE_WORDS_MAX,
  indexWordBacklog,
  wordBacklog,
  wordsBehind,
} from './word-backlog.ts';
