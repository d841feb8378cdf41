import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  endpointHash,
  type PushSubscriptionRow,
  type SubscriptionStore,
} from './subscription-store.ts';

// Every attribute by placeholder: several (auth, active, version...) are DynamoDB reserved words.
const names = {
  '#version': 'version',
  '#endpoint': 'endpoint',
  '#p256dh': 'p256dh',
  '#auth': 'auth',
  '#active': 'active',
  '#createdAt': 'createdAt',
  '#lastUsedAt': 'lastUsedAt',
  '#expiresAt': 'expiresAt',
  '#unsubscribedAt': 'unsubscribedAt',
};

/** The placeholders an expression uses (DynamoDB refuses unused ones). */
const namesIn = (...expressions: string[]) =>
  Object.fromEntries(
    Object.entries(names).filter(([n]) => expressions.some((e) => new RegExp(`${n}\\b`).test(e))),
  );

const isConditionFailure = (error: unknown) =>
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

/**
 * The subscriptions table (tables.json `subscriptions`: owner + endpointHash, TTL on
 * expiresAt for tombstones). DynamoDB actions: UpdateItem (sync Lambda: subscribe,
 * unsubscribe; notifier: lastUsedAt), Query and DeleteItem (notifier).
 */
export class DynamoSubscriptionStore implements SubscriptionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private async versioned(
    owner: string,
    hash: string,
    update: string,
    values: Record<string, unknown>,
  ): Promise<boolean> {
    const condition = 'attribute_not_exists(#version) OR #version < :version';
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { owner, endpointHash: hash },
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: namesIn(update, condition),
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  subscribe(row: PushSubscriptionRow, version: string) {
    return this.versioned(
      row.owner,
      row.endpointHash,
      'SET #version = :version, #endpoint = :endpoint, #p256dh = :p256dh, #auth = :auth, ' +
        '#active = :true, #createdAt = if_not_exists(#createdAt, :now), #lastUsedAt = :now ' +
        'REMOVE #expiresAt, #unsubscribedAt',
      {
        ':version': version,
        ':endpoint': row.endpoint,
        ':p256dh': row.p256dh,
        ':auth': row.auth,
        ':true': true,
        ':now': row.createdAt,
      },
    );
  }

  unsubscribe(owner: string, endpoint: string, version: string, now: number, expiresAt: number) {
    return this.versioned(
      owner,
      endpointHash(endpoint),
      'SET #version = :version, #active = :false, #unsubscribedAt = :now, #expiresAt = :expires ' +
        'REMOVE #p256dh, #auth, #endpoint',
      { ':version': version, ':false': false, ':now': now, ':expires': expiresAt },
    );
  }

  async list(owner: string): Promise<PushSubscriptionRow[]> {
    const rows: PushSubscriptionRow[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: '#owner = :owner',
          FilterExpression: '#active = :true',
          ExpressionAttributeNames: { '#owner': 'owner', '#active': 'active' },
          ExpressionAttributeValues: { ':owner': owner, ':true': true },
          ...(start && { ExclusiveStartKey: start }),
        }),
      );
      for (const item of page.Items ?? []) {
        rows.push({
          owner: String(item.owner),
          endpointHash: String(item.endpointHash),
          endpoint: String(item.endpoint),
          p256dh: String(item.p256dh),
          auth: String(item.auth),
          createdAt: Number(item.createdAt),
          lastUsedAt: Number(item.lastUsedAt),
        });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return rows;
  }

  async remove(owner: string, hash: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.table, Key: { owner, endpointHash: hash } }),
    );
  }

  async touch(owner: string, hash: string, now: number): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { owner, endpointHash: hash },
          UpdateExpression: 'SET #lastUsedAt = :now',
          ConditionExpression: '#active = :true',
          ExpressionAttributeNames: { '#lastUsedAt': 'lastUsedAt', '#active': 'active' },
          ExpressionAttributeValues: { ':now': now, ':true': true },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
