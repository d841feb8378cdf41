/** Looking behind the app: the DynamoDB stand-in and the sync API, as an operator would. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { StackInfo } from './stack.ts';

/** Every item of one table, from dynalite (dummy credentials; it ignores them). */
export async function scanTable<T = Record<string, unknown>>(
  stack: StackInfo,
  table: keyof StackInfo['tables'],
): Promise<T[]> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.dynamoEndpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const items: T[] = [];
  try {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({ TableName: stack.tables[table], ExclusiveStartKey: start }),
      );
      items.push(...((page.Items ?? []) as T[]));
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    client.destroy();
  }
  return items;
}

export interface StoredMessage {
  id: string;
  sender: string;
  recipient: string;
  body: string;
  state?: string;
  hidden?: boolean;
}

/** The messages the server holds from `sender` to `recipient`. */
export async function storedMessages(stack: StackInfo, sender: string, recipient: string) {
  const all = await scanTable<StoredMessage>(stack, 'messages');
  return all.filter((m) => m.sender === sender && m.recipient === recipient);
}

/** POST /sync as a client would, with whatever Authorization header the test chooses. */
export async function postSync(
  stack: StackInfo,
  authorization: string | null,
  body: unknown = {
    v: 1,
    clientId: crypto.randomUUID(),
    cursor: null,
    mutations: [],
  },
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    origin: stack.appURL,
  };
  if (authorization !== null) headers.authorization = authorization;
  const res = await fetch(`${stack.apiURL}/sync`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}
