import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import {
  discardOutbox,
  type LocalMessage,
  readReceiptsOn,
  retryOutbox,
  tickOf,
  unblockContact,
} from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';
import { displayName } from '../../lib/text.ts';
import { JoinNotice } from '../receipts/index.ts';
import { blockAndReport } from './block-contact.ts';
import { Composer } from './composer.tsx';
import { ConversationHeader } from './conversation-header.tsx';
import { EditComposer } from './edit-composer.tsx';
import { MessageList } from './message-list.tsx';
import { ReplyBanner } from './reply-quote.tsx';
import { RequestBar } from './request-bar.tsx';
import { type JumpTarget, useConversationWindow } from './use-conversation-window.ts';
import { useMarkRead } from './use-mark-read.ts';

/**
 * One conversation: header, the message log and the composer. Mount it with key={peer}: a
 * new conversation gets a new window, virtualizer, scroll position and composer, and nothing
 * of the previous one survives the switch (siblings must not share a key: React then keeps
 * stale copies of them, which showed the previous conversation's log beside the new one).
 */
export interface ConversationProps {
  peer: string;
  /** A message to open at (a search result), centred and highlighted. */
  target?: JumpTarget | null;
}

export function Conversation({ peer, target = null }: ConversationProps) {
  const { db, self, afterWrite, navigate } = useSession();
  const contact = useLiveQuery(async () => (await db.contacts.get(peer)) ?? null, [db, peer]);
  // Replying and editing (message-actions.tsx); a reply quote's jump opens at the original
  // like a search result, until the next search choice.
  const [replyTo, setReplyTo] = useState<LocalMessage | null>(null);
  const [editing, setEditing] = useState<LocalMessage | null>(null);
  // A save that failed after its box had closed: the box comes back with it (edit-composer.tsx).
  const [editRetry, setEditRetry] = useState<{ text: string; error: string } | null>(null);
  const [jump, setJump] = useState<JumpTarget | null>(null);
  const jumps = useRef(0);
  const [jumpFor, setJumpFor] = useState(target);
  if (jumpFor !== target) {
    setJumpFor(target);
    setJump(null);
  }
  const conversation = useConversationWindow(db, peer, jump ?? target);
  const { messages, hasOlder, loadOlder } = conversation;
  // Unknown until the list has placed itself: nothing is marked read before the user has the
  // newest messages in view (never while scrolled up reading history).
  const [atBottom, setAtBottom] = useState(false);
  useMarkRead(db, peer, messages, atBottom, afterWrite);
  const showRead = useLiveQuery(() => readReceiptsOn(db), [db]) ?? true;

  if (contact === undefined) return <div className="conversation conversation--loading" />;
  if (contact === null) {
    return (
      <div className="conversation conversation--empty">
        <p>There is no conversation with {peer}.</p>
        <button type="button" className="button" onClick={() => navigate('/')}>
          Back to chats
        </button>
      </div>
    );
  }
  const name = displayName(contact);
  return (
    <div className="conversation">
      <ConversationHeader contact={contact} />
      <MessageList
        // A new search choice gets a fresh list, placed at its message like on opening.
        key={(jump ?? target)?.seq ?? 0}
        messages={messages ?? []}
        hasOlder={hasOlder}
        onNearTop={loadOlder}
        hasNewer={conversation.hasNewer}
        onNearBottom={conversation.loadNewer}
        onToNewest={conversation.toNewest}
        target={conversation.target}
        self={self}
        peerName={name}
        readUpTo={contact.readArrival ?? 0}
        onAtBottomChange={setAtBottom}
        tickOf={(m) => tickOf(m, contact, showRead)}
        onRetry={(id) => void retryOutbox(db, id).then(afterWrite)}
        onDiscard={(id) => void discardOutbox(db, id)}
        lifecycle={{
          onReply: (m) => {
            setEditing(null);
            setReplyTo(m);
          },
          onEdit: (m) => {
            setReplyTo(null);
            setEditRetry(null);
            setEditing(m);
          },
          // Negative seqs never meet the shell's (search) ones.
          onJump: (id) => setJump({ id, seq: -++jumps.current }),
        }}
      />
      <JoinNotice contact={contact} />
      {contact.blocked ? (
        <div className="composer composer--blocked">
          <p>You blocked {name}. Unblock to send messages.</p>
          <button
            type="button"
            className="button button--small"
            onClick={() => void unblockContact(db, peer).then(afterWrite)}
          >
            Unblock
          </button>
        </div>
      ) : contact.request ? (
        <RequestBar
          contact={contact}
          onBlock={(report) => void blockAndReport(db, peer, report).then(afterWrite)}
        />
      ) : editing ? (
        <EditComposer
          key={`${editing.id}:${editRetry?.text ?? ''}`}
          message={editing}
          initialText={editRetry?.text}
          initialError={editRetry?.error}
          onDone={() => {
            setEditing(null);
            setEditRetry(null);
          }}
          onFailed={(text, error) => {
            setEditRetry({ text, error });
            setEditing(editing);
          }}
        />
      ) : (
        <Composer
          peer={peer}
          replyTo={replyTo?.id}
          banner={
            replyTo && (
              <ReplyBanner
                message={replyTo}
                self={self}
                peerName={name}
                onCancel={() => setReplyTo(null)}
              />
            )
          }
          onSent={(message) => {
            setReplyTo(null);
            conversation.showSent(message);
            if (conversation.hasNewer) conversation.toNewest();
          }}
        />
      )}
    </div>
  );
}
