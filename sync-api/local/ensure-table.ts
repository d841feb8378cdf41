import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import type { createDocumentClient } from '../src/handler.ts';

/** A tables.json entry with a hash and a range key (the connections and subscriptions tables). */
export interface KeyedTableDefinition {
  attributes: Record<string, string>;
  hashKey: string;
  rangeKey: string;
}

/** Creates `name` from its tables.json entry, if missing (dynalite has no TTL). */
export async function ensureKeyedTable(
  client: ReturnType<typeof createDocumentClient>,
  name: string,
  def: KeyedTableDefinition,
) {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: Object.entries(def.attributes).map(
          ([AttributeName, AttributeType]) => ({
            AttributeName,
            AttributeType: AttributeType as 'S',
          }),
        ),
        KeySchema: [
          { AttributeName: def.hashKey, KeyType: 'HASH' },
          { AttributeName: def.rangeKey, KeyType: 'RANGE' },
        ],
      }),
    );
  }
}
