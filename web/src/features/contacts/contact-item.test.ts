import { describe, expect, it } from 'vitest';
import { type ContactSummary, newContact } from '../../db/index.ts';
import { type ContactItemProps, sameRow } from './contact-item.tsx';

const summary = (patch: Partial<ContactSummary> = {}): ContactSummary => ({
  contact: { ...newContact('bob@example.com', 1), name: 'Bob' },
  last: {
    id: 'm1',
    sender: 'bob@example.com',
    body: 'hi',
    state: 'sent',
    serverTime: 5,
    sentAt: 4,
    rank: 5,
  },
  unread: 1,
  ...patch,
});
const onOpen = () => undefined;
const props = (s: ContactSummary, active = false): ContactItemProps => ({
  summary: s,
  self: 'alice@example.com',
  active,
  onOpen,
});

describe('contact rows re-render only when what they show changes', () => {
  it('a fresh read of the same row is the same row (the live query reads new objects)', () => {
    expect(sameRow(props(summary()), props(summary()))).toBe(true);
  });

  it('a new unread count, last message, its state, a rename, a block or selection is not', () => {
    const base = summary();
    const changed: ContactSummary[] = [
      summary({ unread: 2 }),
      summary({ last: { ...(base.last as NonNullable<ContactSummary['last']>), id: 'm2' } }),
      summary({ last: { ...(base.last as NonNullable<ContactSummary['last']>), state: 'failed' } }),
      summary({ contact: { ...base.contact, name: 'Robert' } }),
      summary({ contact: { ...base.contact, blocked: true } }),
      summary({ last: undefined }),
    ];
    for (const next of changed) expect(sameRow(props(base), props(next))).toBe(false);
    expect(sameRow(props(base), props(base, true))).toBe(false);
  });
});
