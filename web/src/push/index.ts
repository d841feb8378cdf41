export { NotificationsDialog } from './notifications-dialog.tsx';
export { PushKeyProvider, usePushKey } from './push-context.tsx';
export { PushOptIn } from './push-opt-in.tsx';
export { stopPushForSignOut } from './sign-out.ts';
