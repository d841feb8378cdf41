import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  ContactFields,
  ContactUpdate,
  MessagePage,
  MessagePosition,
  NewMessage,
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
  };
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
    await this.db.send(
      new UpdateCommand({
        TableName: this.tables.messages,
        Key: { id },
        UpdateExpression: 'SET #state = :done, #serverTime = :t, #hidden = :h',
        ConditionExpression: 'attribute_exists(id)',
        ExpressionAttributeNames: {
          '#state': 'state',
          '#serverTime': 'serverTime',
          '#hidden': 'hidden',
        },
        ExpressionAttributeValues: { ':done': 'done', ':t': serverTime, ':h': hidden },
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
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':now': now };
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
        UpdateExpression: `SET ${clauses.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
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

  async hasReceipt(owner: string, mutationId: string): Promise<boolean> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tables.receipts,
        Key: { owner, key: `m#${mutationId}` },
        ConsistentRead: true,
      }),
    );
    return out.Item !== undefined;
  }

  async putReceipt(owner: string, mutationId: string, expiresAt: number): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tables.receipts,
        Item: { owner, key: `m#${mutationId}`, expiresAt: Math.ceil(expiresAt / 1000) },
      }),
    );
  }

  async consumeRate(owner: string, bucket: string, count: number, limit: number) {
    if (count > limit) return false;
    return conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.tables.receipts,
          Key: { owner, key: bucket },
          UpdateExpression: 'ADD #used :n SET expiresAt = :exp',
          ConditionExpression: 'attribute_not_exists(#used) OR #used <= :max',
          ExpressionAttributeNames: { '#used': 'used' },
          ExpressionAttributeValues: {
            ':n': count,
            ':max': limit - count,
            ':exp': Math.ceil(Date.now() / 1000) + 3600,
          },
        }),
      ),
    );
  }
}
