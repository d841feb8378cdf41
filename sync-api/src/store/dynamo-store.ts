import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  BlockToggle,
  ContactFields,
  ContactState,
  ContactUpdate,
  MessagePage,
  MessagePosition,
  MessageRevision,
  NewMessage,
  RowExtras,
  StoredContact,
  StoredMessage,
  StoredReport,
  SyncStore,
} from './sync-store.ts';
import { indexNames, type TableNames } from './tables.ts';

const contactDefaults: ContactFields = {
  name: '',
  blocked: false,
  request: false,
  reported: false,
  lastMessageAt: null,
};

function toContact(item: Record<string, unknown>): StoredContact {
  return {
    owner: String(item.owner),
    email: String(item.email),
    name: typeof item.name === 'string' ? item.name : '',
    blocked: item.blocked === true,
    request: item.request === true,
    reported: item.reported === true,
    updatedAt: Number(item.updatedAt),
    lastMessageAt: typeof item.lastMessageAt === 'number' ? item.lastMessageAt : null,
    ...(typeof item.lastEventAt === 'number' && { lastEventAt: item.lastEventAt }),
    ...(typeof item.nameVersion === 'string' && { nameVersion: item.nameVersion }),
    ...(typeof item.blockVersion === 'string' && { blockVersion: item.blockVersion }),
    blockLog: Array.isArray(item.blockLog)
      ? (item.blockLog as BlockToggle[]).map((t) => ({
          at: Number(t.at),
          blocked: t.blocked === true,
        }))
      : [],
    rev: typeof item.rev === 'number' ? item.rev : 0,
    ...receiptMarksOf(item),
  };
}

function receiptMarksOf(item: Record<string, unknown>): RowExtras {
  const marks: RowExtras = {};
  for (const key of ['readAt', 'peerReadAt', 'peerDeliveredAt', 'clearedAt'] as const) {
    if (typeof item[key] === 'number') marks[key] = item[key];
  }
  if (typeof item.draft === 'string') marks.draft = item.draft;
  if (typeof item.draftVersion === 'string') marks.draftVersion = item.draftVersion;
  if (typeof item.muted === 'boolean') marks.muted = item.muted;
  if (typeof item.muteVersion === 'string') marks.muteVersion = item.muteVersion;
  if (typeof item.readReceipts === 'boolean') marks.readReceipts = item.readReceipts;
  if (typeof item.readReceiptsVersion === 'string') {
    marks.readReceiptsVersion = item.readReceiptsVersion;
  }
  return marks;
}

function toMessage(item: Record<string, unknown>): StoredMessage {
  return {
    id: String(item.id),
    sender: String(item.sender),
    recipient: String(item.recipient),
    body: String(item.body),
    sentAt: Number(item.sentAt),
    compositeNamespace: String(item.compositeNamespace),
    state: item.state === 'done' ? 'done' : 'pending',
    ...(typeof item.serverTime === 'number' && { serverTime: item.serverTime }),
    hidden: item.hidden === true,
    ...lifecycleFields(item),
  };
}

/** The message-lifecycle attributes (core/message-events.ts), where present. */
function lifecycleFields(item: Record<string, unknown>): Partial<StoredMessage> {
  const kind = item.kind;
  return {
    ...(typeof item.replyTo === 'string' && { replyTo: item.replyTo }),
    ...((kind === 'edit' || kind === 'delete' || kind === 'hide') && { kind }),
    ...(typeof item.target === 'string' && { target: item.target }),
    ...(Array.isArray(item.editIds) && { editIds: item.editIds.map(String) }),
    ...(typeof item.editVersion === 'string' && { editVersion: item.editVersion }),
    ...(typeof item.editedAt === 'number' && { editedAt: item.editedAt }),
    ...(item.deleted === true && { deleted: true }),
  };
}

async function conditional(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** SyncStore on DynamoDB: one request per call, single-item conditional writes only. */
export class DynamoSyncStore implements SyncStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tables: TableNames,
  ) {}

  putMessageIfAbsent(message: NewMessage): Promise<boolean> {
    return conditional(
      this.db.send(
        new PutCommand({
          TableName: this.tables.messages,
          Item: { ...message, state: 'pending', hidden: false },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      ),
    );
  }

  async getMessage(id: string): Promise<StoredMessage | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tables.messages, Key: { id }, ConsistentRead: true }),
    );
    return out.Item && toMessage(out.Item);
  }

  async completeMessage(id: string, serverTime: number, hidden: boolean): Promise<void> {
    const moved = await conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.tables.messages,
          Key: { id },
          UpdateExpression: 'SET #state = :done, #serverTime = :t, #hidden = :h',
          // serverTime only moves forward: two rounds of one run racing keep the run's order.
          ConditionExpression:
            'attribute_exists(id) AND (attribute_not_exists(#serverTime) OR #serverTime < :t)',
          ExpressionAttributeNames: {
            '#state': 'state',
            '#serverTime': 'serverTime',
            '#hidden': 'hidden',
          },
          ExpressionAttributeValues: { ':done': 'done', ':t': serverTime, ':h': hidden },
        }),
      ),
    );
    if (!moved && !(await this.getMessage(id)))
      throw new Error(`completeMessage: no message ${id}`);
  }

  reviseMessage(id: string, revision: MessageRevision, expectedEdits: number): Promise<boolean> {
    return conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.tables.messages,
          Key: { id },
          UpdateExpression:
            'SET #body = :body, #editIds = :ids, #editVersion = :version, #editedAt = :at',
          ConditionExpression:
            '#state = :done AND (attribute_not_exists(#deleted) OR #deleted = :false) AND ' +
            (expectedEdits === 0
              ? '(attribute_not_exists(#editIds) OR size(#editIds) = :zero)'
              : 'size(#editIds) = :expected'),
          ExpressionAttributeNames: {
            '#state': 'state',
            '#body': 'body',
            '#deleted': 'deleted',
            '#editIds': 'editIds',
            '#editVersion': 'editVersion',
            '#editedAt': 'editedAt',
          },
          ExpressionAttributeValues: {
            ':body': revision.body,
            ':ids': revision.editIds,
            ':version': revision.editVersion,
            ':at': revision.editedAt,
            ':done': 'done',
            ':false': false,
            ...(expectedEdits === 0 ? { ':zero': 0 } : { ':expected': expectedEdits }),
          },
        }),
      ),
    );
  }

  async eraseMessage(id: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tables.messages,
        Key: { id },
        UpdateExpression: 'SET #body = :empty, #deleted = :true',
        ConditionExpression: 'attribute_exists(id)',
        ExpressionAttributeNames: { '#body': 'body', '#deleted': 'deleted' },
        ExpressionAttributeValues: { ':empty': '', ':true': true },
      }),
    );
  }

  async queryConversation(
    compositeNamespace: string,
    after: number,
    start: MessagePosition | undefined,
    limit: number,
  ): Promise<MessagePage> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tables.messages,
        IndexName: indexNames.messagesByConversation,
        KeyConditionExpression: 'compositeNamespace = :cn AND serverTime > :after',
        ExpressionAttributeValues: { ':cn': compositeNamespace, ':after': after },
        Limit: limit,
        ...(start && {
          ExclusiveStartKey: { compositeNamespace, serverTime: start.serverTime, id: start.id },
        }),
      }),
    );
    const items = (out.Items ?? []).map(toMessage);
    const last = out.LastEvaluatedKey;
    return last
      ? { items, last: { serverTime: Number(last.serverTime), id: String(last.id) } }
      : { items };
  }

  async getContact(owner: string, email: string): Promise<StoredContact | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tables.contacts,
        Key: { owner, email },
        ConsistentRead: true,
      }),
    );
    return out.Item && toContact(out.Item);
  }

  async upsertContact(owner: string, email: string, update: ContactUpdate, now: number) {
    const names: Record<string, string> = { '#rev': 'rev' };
    const values: Record<string, unknown> = { ':now': now, ':one': 1 };
    const clauses = ['updatedAt = :now'];
    const ifAbsent = { ...contactDefaults, ...update.ifAbsent };
    for (const [key, value] of Object.entries(update.set)) {
      names[`#${key}`] = key;
      values[`:${key}`] = value;
      clauses.push(`#${key} = :${key}`);
    }
    for (const [key, value] of Object.entries(ifAbsent)) {
      if (key in update.set) continue;
      names[`#${key}`] = key;
      values[`:${key}`] = value;
      clauses.push(`#${key} = if_not_exists(#${key}, :${key})`);
    }
    await this.db.send(
      new UpdateCommand({
        TableName: this.tables.contacts,
        Key: { owner, email },
        UpdateExpression: `SET ${clauses.join(', ')} ADD #rev :one`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  writeContact(
    owner: string,
    email: string,
    state: ContactState,
    expectedRev: number | null,
    now: number,
  ): Promise<boolean> {
    const fields: Record<string, unknown> = {
      name: state.name,
      blocked: state.blocked,
      request: state.request,
      reported: state.reported,
      blockLog: state.blockLog,
      updatedAt: now,
      rev: (expectedRev ?? 0) + 1,
      ...(state.nameVersion !== undefined && { nameVersion: state.nameVersion }),
      ...(state.blockVersion !== undefined && { blockVersion: state.blockVersion }),
      ...receiptMarksOf(state),
    };
    const names: Record<string, string> = { '#owner': 'owner', '#lastMessageAt': 'lastMessageAt' };
    const values: Record<string, unknown> = { ':null': null };
    const clauses = ['#lastMessageAt = if_not_exists(#lastMessageAt, :null)'];
    for (const [key, value] of Object.entries(fields)) {
      names[`#${key}`] = key;
      values[`:${key}`] = value;
      clauses.push(`#${key} = :${key}`);
    }
    let condition = 'attribute_not_exists(#owner)';
    if (expectedRev !== null) {
      values[':expected'] = expectedRev;
      condition =
        expectedRev === 0
          ? 'attribute_exists(#owner) AND (attribute_not_exists(#rev) OR #rev = :expected)'
          : 'attribute_exists(#owner) AND #rev = :expected';
    }
    return conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.tables.contacts,
          Key: { owner, email },
          UpdateExpression: `SET ${clauses.join(', ')}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }

  async queryContactsChangedSince(owner: string, after: number): Promise<StoredContact[]> {
    const rows: StoredContact[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tables.contacts,
          IndexName: indexNames.contactsByUpdatedAt,
          KeyConditionExpression: '#owner = :owner AND updatedAt > :after',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner, ':after': after },
          ExclusiveStartKey: start,
        }),
      );
      rows.push(...(out.Items ?? []).map(toContact));
      start = out.LastEvaluatedKey;
    } while (start);
    return rows;
  }

  putReport(report: StoredReport): Promise<boolean> {
    return conditional(
      this.db.send(
        new PutCommand({
          TableName: this.tables.reports,
          Item: report,
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      ),
    );
  }

  /**
   * A counter item per (owner, window) in the receipts table. Takes everything with one
   * conditional ADD when it fits; otherwise reads the counter and takes what is left,
   * conditional on the value read (a few tries under contention, then nothing).
   */
  async takeRate(owner: string, bucket: string, wanted: number, limit: number, expiresAt: number) {
    const add = (n: number, condition: string, extra: Record<string, unknown>) =>
      conditional(
        this.db.send(
          new UpdateCommand({
            TableName: this.tables.receipts,
            Key: { owner, key: bucket },
            UpdateExpression: 'ADD #used :n SET expiresAt = :exp',
            ConditionExpression: condition,
            ExpressionAttributeNames: { '#used': 'used' },
            ExpressionAttributeValues: { ':n': n, ':exp': Math.ceil(expiresAt / 1000), ...extra },
          }),
        ),
      );
    if (wanted <= 0) return 0;
    if (wanted <= limit) {
      const all = await add(wanted, 'attribute_not_exists(#used) OR #used <= :max', {
        ':max': limit - wanted,
      });
      if (all) return wanted;
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const out = await this.db.send(
        new GetCommand({
          TableName: this.tables.receipts,
          Key: { owner, key: bucket },
          ConsistentRead: true,
        }),
      );
      const used = typeof out.Item?.used === 'number' ? out.Item.used : 0;
      const n = Math.min(wanted, limit - used);
      if (n <= 0) return 0;
      const condition = out.Item ? '#used = :seen' : 'attribute_not_exists(#used)';
      if (await add(n, condition, out.Item ? { ':seen': used } : {})) return n;
    }
    return 0;
  }
}
