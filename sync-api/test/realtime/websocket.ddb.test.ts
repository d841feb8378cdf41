import { randomUUID } from 'node:crypto';
import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials } from '../../local/dynamo.ts';
import { type LocalStack, startLocalStack, tablePrefix } from '../../local/stack.ts';
import type { MutationInput } from '../../src/protocol/index.ts';
import { wiring } from '../../src/realtime/config.ts';
import { DynamoConnectionStore } from '../../src/realtime/dynamo-connection-store.ts';
import { createFanOut } from '../../src/realtime/fan-out.ts';
import { ApiGatewayPoster } from '../../src/realtime/poster.ts';
import { DynamoSyncStore } from '../../src/store/dynamo-store.ts';
import { v7 } from '../harness.ts';
import { createAccount } from '../local/sign-in.ts';
import { connectSocket } from './socket-client.ts';

let stack: LocalStack;
let db: DynamoDBDocumentClient;
const connectionsTable = `${tablePrefix}-connections`;

beforeAll(async () => {
  stack = await startLocalStack({ webDist: null, quiet: true });
  db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.dynamoEndpoint,
      region: 'local',
      credentials: localCredentials,
    }),
  );
});
afterAll(async () => {
  db?.destroy();
  await stack?.stop();
});

async function user(name: string) {
  const email = `${name}-${randomUUID().slice(0, 8)}@example.com`;
  const { idToken } = await createAccount(stack, email, 'realtime-pass');
  return { email, idToken };
}

const open = (token: string, clientId = randomUUID()) =>
  connectSocket(stack.realtimeURL, { token, clientId }).then((s) => ({ ...s, clientId }));

async function sync(token: string, clientId: string, mutations: MutationInput[]) {
  const res = await fetch(`${stack.apiURL}/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ v: 1, clientId, cursor: null, mutations }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

const rows = async (owner: string) =>
  (
    await db.send(
      new QueryCommand({
        TableName: connectionsTable,
        KeyConditionExpression: '#o = :o',
        ExpressionAttributeNames: { '#o': 'owner' },
        ExpressionAttributeValues: { ':o': owner },
      }),
    )
  ).Items ?? [];

async function until(check: () => Promise<boolean>) {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}

const message = (to: string, body = 'hello'): MutationInput => ({
  id: randomUUID(),
  type: 'message.send',
  to,
  body,
  sentAt: Date.now(),
});

describe('connecting', () => {
  it('refuses a missing or forged token with 401 and stores nothing', async () => {
    const alice = await user('alice');
    await expect(connectSocket(stack.realtimeURL, {})).rejects.toThrow('HTTP 401');
    const [h, p] = alice.idToken.split('.');
    await expect(connectSocket(stack.realtimeURL, { token: `${h}.${p}.AAAA` })).rejects.toThrow(
      'HTTP 401',
    );
    expect(await rows(alice.email)).toEqual([]);
  });

  it('keeps one row per socket with a TTL past the 2-hour limit; $disconnect removes it', async () => {
    const alice = await user('alice');
    const before = Math.floor(Date.now() / 1000);
    const socket = await open(alice.idToken);
    const [row] = await rows(alice.email);
    expect(row).toMatchObject({ owner: alice.email, clientId: socket.clientId });
    expect(row?.expiresAt).toBeGreaterThanOrEqual(before + wiring.limits.maxConnectionSeconds);
    socket.ws.close();
    await until(async () => (await rows(alice.email)).length === 0);
  });
});

describe('pokes', () => {
  it('reach every device of the recipient and the sender’s other device after message.send', async () => {
    const [alice, bob] = [await user('alice'), await user('bob')];
    const sending = await open(alice.idToken);
    const otherDevice = await open(alice.idToken);
    const bobPhone = await open(bob.idToken);
    const bobLaptop = await open(bob.idToken);
    await sync(alice.idToken, sending.clientId, [message(bob.email, 'no text in pokes')]);
    for (const s of [otherDevice, bobPhone, bobLaptop])
      expect(await s.next()).toBe('{"type":"poke"}');
    for (const s of [sending, otherDevice, bobPhone, bobLaptop]) s.ws.close();
  });

  it('answer 410 GoneException for a closed socket, and fan-out then deletes its row', async () => {
    const bob = await user('bob');
    const socket = await open(bob.idToken);
    const [row] = await rows(bob.email);
    const id = String(row?.connectionId);
    await db.send(
      new PutCommand({ TableName: connectionsTable, Item: { ...row, connectionId: 'stale=' } }),
    );
    socket.ws.close();
    await until(async () => !(await rows(bob.email)).some((r) => r.connectionId === id));
    const sdk = new ApiGatewayManagementApiClient({
      endpoint: stack.realtimeManagementURL,
      region: 'local',
    });
    await expect(
      sdk.send(
        new PostToConnectionCommand({ ConnectionId: id, Data: new TextEncoder().encode('{}') }),
      ),
    ).rejects.toBeInstanceOf(GoneException);
    const fanOut = createFanOut({
      connections: new DynamoConnectionStore(db, connectionsTable),
      poster: new ApiGatewayPoster(stack.realtimeManagementURL, 'local'),
      contacts: new DynamoSyncStore(db, stack.tables),
      warn: () => {},
    });
    expect(await fanOut.pokeAfterSync('someone@example.com', '', [bob.email])).toEqual({
      sent: 0,
      gone: 1,
      failed: 0,
    });
    const left = await db.send(
      new GetCommand({
        TableName: connectionsTable,
        Key: { owner: bob.email, connectionId: 'stale=' },
      }),
    );
    expect(left.Item).toBeUndefined();
  });

  it('skip rows past their TTL (DynamoDB deletes them lazily; dynalite never does)', async () => {
    const bob = await user('bob');
    const expired = {
      owner: bob.email,
      connectionId: 'old=',
      clientId: '',
      connectedAt: 0,
      expiresAt: 1,
    };
    await db.send(new PutCommand({ TableName: connectionsTable, Item: expired }));
    const store = new DynamoConnectionStore(db, connectionsTable);
    expect(await store.list(bob.email, Math.floor(Date.now() / 1000))).toEqual([]);
  });

  it('never reach a recipient who blocked the sender', async () => {
    const [alice, bob] = [await user('alice'), await user('bob')];
    await sync(bob.idToken, randomUUID(), [
      { id: v7(), type: 'contact.block', email: alice.email },
    ]);
    const bobPhone = await open(bob.idToken);
    const fanOut = createFanOut({
      connections: new DynamoConnectionStore(db, connectionsTable),
      poster: new ApiGatewayPoster(stack.realtimeManagementURL, 'local'),
      contacts: new DynamoSyncStore(db, stack.tables),
    });
    expect(await fanOut.pokeAfterSync(alice.email, '', [bob.email])).toEqual({
      sent: 0,
      gone: 0,
      failed: 0,
    });
    bobPhone.ws.close();
  });
});

describe('typing', () => {
  it('travels the typing route to the contact’s sockets; a ping keeps the socket', async () => {
    const [alice, bob] = [await user('alice'), await user('bob')];
    await sync(alice.idToken, randomUUID(), [
      { id: v7(), type: 'contact.add', email: bob.email, name: 'Bob' },
    ]);
    await sync(bob.idToken, randomUUID(), [
      { id: v7(), type: 'contact.add', email: alice.email, name: 'Alice' },
    ]);
    const a = await open(alice.idToken);
    const b = await open(bob.idToken);
    a.send({ action: 'ping' });
    a.send({ action: 'typing', to: bob.email });
    expect(JSON.parse(await b.next())).toEqual({ type: 'typing', from: alice.email });
    a.send({ action: 'nonsense' });
    expect(JSON.parse(await a.next())).toMatchObject({ message: 'Forbidden' });
    a.ws.close();
    b.ws.close();
  });
});
