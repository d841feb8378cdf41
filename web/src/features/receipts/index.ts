export { JoinNotice } from './join-notice.tsx';
export { PrivacyDialog } from './privacy-dialog.tsx';
