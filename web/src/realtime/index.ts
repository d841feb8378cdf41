export { currentClient, liveState, peerStopped, peerTyped, typingPeers } from './live-store.ts';
export {
  createRealtimeClient,
  type LiveState,
  type RealtimeClient,
  type RealtimeClientOptions,
} from './realtime-client.ts';
export { TypingIndicator } from './typing-indicator.tsx';
export { useLiveState, usePeerTyping, useTypingNotifier } from './use-live.ts';
export { useRealtime } from './use-realtime.ts';
