import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Connection, ConnectionStore } from './connection-store.ts';

/**
 * The connections table (tables.json `connections`: owner + connectionId, TTL on expiresAt).
 * DynamoDB actions used: PutItem, DeleteItem, Query (on the table, no index).
 */
export class DynamoConnectionStore implements ConnectionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(connection: Connection): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.table, Item: { ...connection } }));
  }

  async remove(owner: string, connectionId: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.table, Key: { owner, connectionId } }),
    );
  }

  async list(owner: string, nowSeconds: number): Promise<Connection[]> {
    const items: Connection[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: '#owner = :owner',
          FilterExpression: 'expiresAt > :now',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner, ':now': nowSeconds },
          ConsistentRead: true,
          ...(start && { ExclusiveStartKey: start }),
        }),
      );
      for (const item of page.Items ?? []) {
        items.push({
          owner: String(item.owner),
          connectionId: String(item.connectionId),
          clientId: typeof item.clientId === 'string' ? item.clientId : '',
          connectedAt: Number(item.connectedAt),
          expiresAt: Number(item.expiresAt),
        });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
