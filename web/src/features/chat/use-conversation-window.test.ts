import { describe, expect, it } from 'vitest';
import { type LocalMessage, PENDING_RANK_BASE } from '../../db/index.ts';
import { withSent } from './use-conversation-window.ts';

const message = (id: string, rank: number): LocalMessage => ({
  id,
  sender: 'alice@example.com',
  recipient: 'bob@example.com',
  peer: 'bob@example.com',
  body: id,
  sentAt: rank,
  serverTime: rank < PENDING_RANK_BASE ? rank : null,
  rank,
  state: rank < PENDING_RANK_BASE ? 'sent' : 'pending',
});

describe('withSent: a just-sent message is drawn before the live query holds it', () => {
  const window = [message('a', 1), message('b', 2)];
  const pending = message('p', PENDING_RANK_BASE + 5);

  it('appends what the window does not hold yet, in display order', () => {
    const earlier = message('q', PENDING_RANK_BASE + 3);
    expect(withSent(window, [pending, earlier])?.map((m) => m.id)).toEqual(['a', 'b', 'q', 'p']);
  });

  it('draws a message once the live query holds it: no duplicate, the stored row wins', () => {
    const stored = { ...pending, state: 'failed' as const };
    const shown = withSent([...window, stored], [pending]);
    expect(shown?.map((m) => [m.id, m.state])).toEqual([
      ['a', 'sent'],
      ['b', 'sent'],
      ['p', 'failed'],
    ]);
  });

  it('waits for the window itself: nothing drawn before the conversation is read', () => {
    expect(withSent(undefined, [pending])).toBeUndefined();
    expect(withSent(window, [])).toBe(window);
  });
});
