import { wiring } from '@chatscape/sync-api/realtime';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRealtimeClient, type LiveState } from './realtime-client.ts';

/** A WebSocket stand-in the test drives: open, message, close. */
class FakeSocket {
  static readonly OPEN = 1;
  static all: FakeSocket[] = [];
  readonly OPEN = 1;
  readyState = 0;
  sent: string[] = [];
  closedWith: number | undefined;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close(code?: number) {
    this.closedWith = code;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  serverClose() {
    this.readyState = 3;
    this.onclose?.();
  }
  receive(data: unknown) {
    this.onmessage?.({ data: JSON.stringify(data) });
  }
}

const latest = () => FakeSocket.all.at(-1) as FakeSocket;

function start(tokens: (string | null)[] = []) {
  const pokes = vi.fn();
  const typing = vi.fn();
  const states: LiveState[] = [];
  const onTokenNeeded = vi.fn();
  let n = 0;
  const client = createRealtimeClient({
    url: 'ws://127.0.0.1:1/live',
    getToken: async () => (tokens.length > 0 ? (tokens.shift() ?? null) : `token-${++n}`),
    getClientId: async () => 'client-1',
    onPoke: pokes,
    onTyping: typing,
    onState: (s) => states.push(s),
    onTokenNeeded,
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    random: () => 0.5,
  });
  client.start();
  return { client, pokes, typing, states, onTokenNeeded };
}

describe('the live socket', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
  });
  afterEach(() => vi.useRealTimers());

  it('connects with a fresh token and the client id, and pulls on connect and on every poke', async () => {
    const t = start();
    await vi.advanceTimersByTimeAsync(0);
    const url = new URL(latest().url);
    expect(url.searchParams.get('token')).toBe('token-1');
    expect(url.searchParams.get('clientId')).toBe('client-1');
    latest().open();
    expect(t.states).toEqual(['connecting', 'live']);
    expect(t.pokes).toHaveBeenCalledTimes(1);
    latest().receive({ type: 'poke' });
    latest().receive({ type: 'typing', from: 'bob@example.com' });
    latest().receive({ type: 'poke', body: 'ignored extra' });
    latest().receive({ type: 'something else' });
    expect(t.pokes).toHaveBeenCalledTimes(3);
    expect(t.typing).toHaveBeenCalledWith('bob@example.com');
    t.client.stop();
  });

  it('pings inside the idle timeout and opens a new socket before the 2-hour limit', async () => {
    const t = start();
    await vi.advanceTimersByTimeAsync(0);
    const first = latest();
    first.open();
    await vi.advanceTimersByTimeAsync(wiring.client.keepaliveSeconds * 1000);
    expect(first.sent).toEqual(['{"action":"ping"}']);
    expect(wiring.client.keepaliveSeconds).toBeLessThan(wiring.limits.idleTimeoutSeconds);
    expect(wiring.client.reconnectBeforeSeconds).toBeLessThan(wiring.limits.maxConnectionSeconds);
    await vi.advanceTimersByTimeAsync(wiring.client.reconnectBeforeSeconds * 1000);
    const second = latest();
    expect(second).not.toBe(first);
    expect(new URL(second.url).searchParams.get('token')).not.toBe('token-1');
    expect(first.closedWith).toBeUndefined(); // make before break
    second.open();
    expect(first.closedWith).toBe(1000);
    expect(t.states.at(-1)).toBe('live');
    expect(t.states).not.toContain('down');
    t.client.stop();
  });

  it('reconnects with backoff and jitter after the server drops it, and pulls again', async () => {
    const t = start();
    await vi.advanceTimersByTimeAsync(0);
    latest().open();
    latest().serverClose();
    expect(t.states.at(-1)).toBe('down');
    const count = FakeSocket.all.length;
    await vi.advanceTimersByTimeAsync(700); // 1 s × (1 − 0.5 + 0.5 × 0.5) = 750 ms
    expect(FakeSocket.all.length).toBe(count);
    await vi.advanceTimersByTimeAsync(50);
    expect(FakeSocket.all.length).toBe(count + 1);
    latest().serverClose(); // refused before opening
    await vi.advanceTimersByTimeAsync(1499);
    expect(FakeSocket.all.length).toBe(count + 1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all.length).toBe(count + 2);
    latest().open();
    expect(t.pokes).toHaveBeenCalledTimes(2);
    t.client.stop();
  });

  it('asks for a new token when there is none, and connects once it comes', async () => {
    const t = start([null]);
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(0);
    expect(t.onTokenNeeded).toHaveBeenCalledTimes(1);
    t.client.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(1);
    t.client.stop();
  });

  it('sends typing only while live', async () => {
    const t = start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.client.send({ action: 'typing', to: 'bob@example.com' })).toBe(false);
    latest().open();
    expect(t.client.send({ action: 'typing', to: 'bob@example.com' })).toBe(true);
    expect(latest().sent).toEqual(['{"action":"typing","to":"bob@example.com"}']);
    t.client.stop();
  });
});
