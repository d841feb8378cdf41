/**
 * The original ChatScape's poll, for comparison: every poll re-read the open conversation in
 * full, once per stored direction (it kept `a:::b` and `b:::a`). Emulated as two complete
 * queries (all pages) of the conversation's compositeNamespace-serverTime index, answered as
 * JSON the way a Lambda would, so it pays the same serialization as the real handler.
 */
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { compositeNamespace } from '../../sync-api/src/protocol/index.ts';
import { indexNames, type TableNames } from '../../sync-api/src/store/tables.ts';

async function queryAll(db: DynamoDBDocumentClient, table: string, namespace: string) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: indexNames.messagesByConversation,
        KeyConditionExpression: 'compositeNamespace = :cn',
        ExpressionAttributeValues: { ':cn': namespace },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

export function createOriginalPoll(db: DynamoDBDocumentClient, tables: TableNames) {
  /** One poll of `me` with the conversation with `peer` open; returns the response body size. */
  return async (me: string, peer: string) => {
    const namespace = compositeNamespace(me, peer);
    const [mine, theirs] = [
      await queryAll(db, tables.messages, namespace),
      await queryAll(db, tables.messages, namespace),
    ];
    return { messages: mine.length + theirs.length, body: JSON.stringify({ mine, theirs }) };
  };
}
