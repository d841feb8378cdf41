export { PrivacyDialog } from './privacy-dialog.tsx';
export { JoinNotice } from './join-notice.tsx';
