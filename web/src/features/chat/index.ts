export { Conversation } from './conversation.tsx';
export type { JumpTarget } from './use-conversation-window.ts';
