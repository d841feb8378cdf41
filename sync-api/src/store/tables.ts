import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import definitions from '../../tables.json' with { type: 'json' };

export type TableKey = 'contacts' | 'messages' | 'reports' | 'receipts' | 'identities';
export type TableNames = Record<TableKey, string>;

interface TableDefinition {
  hashKey: string;
  rangeKey?: string;
  attributes: Record<string, 'S' | 'N'>;
  globalSecondaryIndexes: {
    name: string;
    hashKey: string;
    rangeKey?: string;
    projection: string;
  }[];
  ttlAttribute?: string;
}

export const tableKeys: readonly TableKey[] = [
  'contacts',
  'messages',
  'reports',
  'receipts',
  'identities',
];

export const indexNames = {
  contactsByUpdatedAt: 'owner-updatedAt',
  messagesByConversation: 'compositeNamespace-serverTime',
} as const;

export function tableNames(prefix: string): TableNames {
  return {
    contacts: `${prefix}-contacts`,
    messages: `${prefix}-messages`,
    reports: `${prefix}-reports`,
    receipts: `${prefix}-receipts`,
    identities: `${prefix}-identities`,
  };
}

function keySchema(hashKey: string, rangeKey?: string) {
  return [
    { AttributeName: hashKey, KeyType: 'HASH' as const },
    ...(rangeKey ? [{ AttributeName: rangeKey, KeyType: 'RANGE' as const }] : []),
  ];
}

/** CreateTable inputs built from tables.json — the same file Terraform reads. */
export function createTableInputs(names: TableNames): CreateTableCommandInput[] {
  return tableKeys.map((key) => {
    const def = (definitions as unknown as Record<TableKey, TableDefinition>)[key];
    const gsis = def.globalSecondaryIndexes.map((gsi) => ({
      IndexName: gsi.name,
      KeySchema: keySchema(gsi.hashKey, gsi.rangeKey),
      Projection: { ProjectionType: 'ALL' as const },
    }));
    return {
      TableName: names[key],
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: Object.entries(def.attributes).map(
        ([AttributeName, AttributeType]) => ({
          AttributeName,
          AttributeType,
        }),
      ),
      KeySchema: keySchema(def.hashKey, def.rangeKey),
      ...(gsis.length > 0 ? { GlobalSecondaryIndexes: gsis } : {}),
    };
  });
}

/**
 * Creates every missing table (DescribeTable per table: ListTables is slow on dynalite).
 * Idempotent; for the local stack and tests — in AWS, Terraform owns the tables.
 */
export async function ensureTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  for (const input of createTableInputs(names)) {
    try {
      await client.send(new DescribeTableCommand({ TableName: input.TableName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await client.send(new CreateTableCommand(input));
    }
  }
}
