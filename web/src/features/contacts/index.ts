export { AddContactDialog } from './add-contact-dialog.tsx';
export { ContactList } from './contact-list.tsx';
