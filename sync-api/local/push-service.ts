/**
 * A local push service (RFC 8030) on 127.0.0.1, standing in for FCM / Mozilla / Apple: it
 * accepts `POST /push/<id>`, verifies the VAPID JWT (RFC 8292: ES256, audience = this origin,
 * not expired, signed by the key in `k`, which must be the key the subscription was made
 * with), decrypts the aes128gcm body (RFC 8291) with the subscription's private key, which
 * the tests own, and records what it received. A subscription marked gone answers 410; an
 * unknown one 404.
 */
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import * as ece from 'http_ece';
import { importJWK, jwtVerify } from 'jose';
import { closeServer, listen, readBody, sendJson } from './http.ts';

/** A browser's side of a subscription: the key pair and secret the payload is encrypted to. */
export interface TestSubscriptionKeys {
  /** base64url, 32 bytes. */
  privateKey: string;
  /** base64url uncompressed P-256 point (what PushSubscription.toJSON().keys.p256dh holds). */
  p256dh: string;
  /** base64url, 16 bytes. */
  auth: string;
}

export function createSubscriptionKeys(): TestSubscriptionKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    privateKey: ecdh.getPrivateKey('base64url'),
    p256dh: ecdh.getPublicKey('base64url'),
    auth: randomBytes(16).toString('base64url'),
  };
}

export interface ReceivedPush {
  subscriptionId: string;
  endpoint: string;
  ttl: number;
  urgency: string | null;
  topic: string | null;
  /** The decrypted payload, as text. */
  payload: string;
  receivedAt: number;
}

export interface LocalPushService {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Registers keys the caller made; returns the endpoint a PushSubscription would carry. */
  subscribe(keys: TestSubscriptionKeys, applicationServerKey: string): string;
  /** From now on the endpoint answers 410 Gone (the browser unsubscribed or expired it). */
  expire(endpoint: string): void;
  /** Every accepted push, oldest first. */
  received: ReceivedPush[];
  /** Refused requests and why (bad JWT, wrong key, undecryptable body...). */
  refused: { endpoint: string; status: number; reason: string }[];
  /** Resolves with the next push to `endpoint` (or one already received after `since`). */
  next(endpoint: string, since?: number): Promise<ReceivedPush>;
  close(): Promise<void>;
}

interface Registered {
  keys: TestSubscriptionKeys;
  applicationServerKey: string;
  gone: boolean;
}

const MAX_BODY = 4096;
const rawToJwk = (raw: Buffer) => ({
  kty: 'EC',
  crv: 'P-256',
  x: raw.subarray(1, 33).toString('base64url'),
  y: raw.subarray(33, 65).toString('base64url'),
});

class Refusal extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
  }
}

async function verifyVapid(req: IncomingMessage, origin: string, expectedKey: string) {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? '');
  if (!match) throw new Refusal(401, 'missing or malformed vapid Authorization');
  const [, token = '', k = ''] = match;
  if (k !== expectedKey) throw new Refusal(403, 'VAPID key differs from the subscription key');
  const key = await importJWK(rawToJwk(Buffer.from(k, 'base64url')), 'ES256');
  try {
    const { payload } = await jwtVerify(token, key, { audience: origin, algorithms: ['ES256'] });
    const exp = payload.exp ?? 0;
    if (exp > Date.now() / 1000 + 24 * 3600) throw new Error('exp more than 24 hours ahead');
    if (typeof payload.sub !== 'string' || !/^(mailto:|https:)/.test(payload.sub)) {
      throw new Error('sub must be a mailto: or https: contact');
    }
  } catch (error) {
    throw new Refusal(403, `VAPID JWT refused: ${(error as Error).message}`);
  }
}

function decryptBody(req: IncomingMessage, body: Buffer, keys: TestSubscriptionKeys): string {
  if (req.headers['content-encoding'] !== 'aes128gcm') {
    throw new Refusal(415, 'Content-Encoding must be aes128gcm');
  }
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(keys.privateKey, 'base64url'));
  try {
    return ece
      .decrypt(body, {
        version: 'aes128gcm',
        privateKey: ecdh,
        authSecret: Buffer.from(keys.auth, 'base64url'),
      })
      .toString('utf8');
  } catch (error) {
    throw new Refusal(400, `cannot decrypt: ${(error as Error).message}`);
  }
}

export async function startLocalPushService(port = 0): Promise<LocalPushService> {
  const subscriptions = new Map<string, Registered>();
  const received: ReceivedPush[] = [];
  const refused: LocalPushService['refused'] = [];
  const waiters = new Set<{
    endpoint: string;
    since: number;
    resolve: (p: ReceivedPush) => void;
  }>();
  let origin = '';

  async function accept(req: IncomingMessage, id: string): Promise<ReceivedPush> {
    const sub = subscriptions.get(id);
    if (!sub) throw new Refusal(404, 'no such subscription');
    if (sub.gone) throw new Refusal(410, 'subscription expired');
    await verifyVapid(req, origin, sub.applicationServerKey);
    const ttl = Number(req.headers.ttl);
    if (!/^\d+$/.test(String(req.headers.ttl ?? ''))) throw new Refusal(400, 'TTL header required');
    const topic = (req.headers.topic as string | undefined) ?? null;
    if (topic !== null && !/^[A-Za-z0-9_-]{1,32}$/.test(topic)) {
      throw new Refusal(400, 'Topic must be at most 32 base64url characters');
    }
    const body = await readBody(req, MAX_BODY);
    return {
      subscriptionId: id,
      endpoint: `${origin}/push/${id}`,
      ttl,
      urgency: (req.headers.urgency as string | undefined) ?? null,
      topic,
      payload: decryptBody(req, body, sub.keys),
      receivedAt: Date.now(),
    };
  }

  // Test control (journeys run in another process than the stack): register a key pair the
  // test made, and read what arrived. Only on this 127.0.0.1 stand-in, never in AWS.
  async function control(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method === 'POST' && url.pathname === '/test/subscriptions') {
      const body = JSON.parse((await readBody(req, MAX_BODY)).toString('utf8')) as {
        keys: TestSubscriptionKeys;
        applicationServerKey: string;
      };
      return sendJson(res, 201, { endpoint: api.subscribe(body.keys, body.applicationServerKey) });
    }
    if (req.method === 'GET' && url.pathname === '/test/received') {
      const endpoint = url.searchParams.get('endpoint') ?? '';
      const since = Number(url.searchParams.get('since') ?? 0);
      return sendJson(
        res,
        200,
        received.filter((p) => p.endpoint === endpoint && p.receivedAt >= since),
      );
    }
    sendJson(res, 404, { message: 'not found' });
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/test/')) {
      control(req, res, url).catch((error: unknown) =>
        sendJson(res, 400, { message: String(error) }),
      );
      return;
    }
    const id = /^\/push\/([0-9a-f-]{36})$/.exec(req.url ?? '')?.[1];
    if (req.method !== 'POST' || !id) return sendJson(res, 404, { message: 'not found' });
    accept(req, id).then(
      (push) => {
        received.push(push);
        for (const w of waiters) {
          if (w.endpoint === push.endpoint && push.receivedAt >= w.since) {
            waiters.delete(w);
            w.resolve(push);
          }
        }
        res.writeHead(201, { location: `${origin}/message/${randomUUID()}` }).end();
      },
      (error: unknown) => {
        const status = error instanceof Refusal ? error.status : 500;
        refused.push({ endpoint: `${origin}/push/${id}`, status, reason: String(error) });
        sendJson(res, status, { message: (error as Error).message });
      },
    );
  });
  origin = `http://127.0.0.1:${await listen(server, port)}`;

  const api: LocalPushService = {
    origin,
    received,
    refused,
    subscribe(keys, applicationServerKey) {
      const id = randomUUID();
      subscriptions.set(id, { keys, applicationServerKey, gone: false });
      return `${origin}/push/${id}`;
    },
    expire(endpoint) {
      const id = endpoint.split('/').pop() ?? '';
      const sub = subscriptions.get(id);
      if (sub) sub.gone = true;
    },
    next(endpoint, since = 0) {
      const seen = received.find((p) => p.endpoint === endpoint && p.receivedAt >= since);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.add({ endpoint, since, resolve }));
    },
    close: () => closeServer(server),
  };
  return api;
}
