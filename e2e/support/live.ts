/**
 * Live delivery in the journeys: the local API Gateway WebSocket stand-in's connections, and
 * its server-side controls (the real @connections DELETE, plus local-only test hooks).
 */
import { expect, type Page } from '@playwright/test';
import type { StackInfo } from './stack.ts';

export interface LiveConnection {
  connectionId: string;
  owner: string;
}

const root = (stack: StackInfo) => new URL(stack.realtimeManagementURL).origin;

export async function liveConnections(stack: StackInfo, owner: string): Promise<LiveConnection[]> {
  const res = await fetch(`${root(stack)}/_local/connections`);
  const all = (await res.json()) as LiveConnection[];
  return all.filter((c) => c.owner === owner);
}

/** Closes the owner's sockets from the server side (the management API's DeleteConnection). */
export async function killSockets(stack: StackInfo, owner: string): Promise<string[]> {
  const doomed = await liveConnections(stack, owner);
  for (const c of doomed) {
    const res = await fetch(
      `${stack.realtimeManagementURL}/@connections/${encodeURIComponent(c.connectionId)}`,
      { method: 'DELETE' },
    );
    expect(res.status).toBe(204);
  }
  return doomed.map((c) => c.connectionId);
}

/** While on, the stand-in refuses the owner's new sockets (503), as if the API were away. */
export async function refuseSockets(stack: StackInfo, owner: string, on: boolean): Promise<void> {
  const url = `${root(stack)}/_local/refuse?owner=${encodeURIComponent(owner)}&on=${on ? 1 : 0}`;
  expect((await fetch(url, { method: 'POST' })).status).toBe(204);
}

/** The status line says updates are live (the socket is open). */
export const expectLive = (page: Page) =>
  expect(page.locator('[data-live]')).toHaveText('Live', { timeout: 15_000 });

export const expectNotLive = (page: Page) =>
  expect(page.locator('[data-live]')).toHaveText(/^Not live/, { timeout: 15_000 });
