import { type FormEvent, useState } from 'react';
import { addContact, type FieldErrors } from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';
import { sentence } from '../../lib/text.ts';
import { Dialog } from '../../ui/dialog.tsx';
import { TextField } from '../../ui/text-field.tsx';

export interface AddContactDialogProps {
  open: boolean;
  onClose: () => void;
  onAdded: (email: string) => void;
}

export function AddContactDialog({ open, onClose, onAdded }: AddContactDialogProps) {
  const { db, afterWrite } = useSession();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const close = () => {
    setName('');
    setEmail('');
    setErrors({});
    onClose();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const result = await addContact(db, { name, email });
    if (!result.ok) {
      setErrors(result.errors);
      const first = result.errors.name ? 'name' : 'email';
      form.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
      return;
    }
    afterWrite();
    close();
    onAdded(result.value.email);
  };

  return (
    <Dialog open={open} title="Add contact" onClose={close}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="dialog__body">
          <TextField
            label="Name"
            name="name"
            autoComplete="off"
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={errors.name && sentence(errors.name)}
          />
          <TextField
            label="Email"
            name="email"
            type="email"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={errors.email && sentence(errors.email)}
          />
        </div>
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button">
            Add
          </button>
        </div>
      </form>
    </Dialog>
  );
}
