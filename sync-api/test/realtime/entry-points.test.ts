import { describe, expect, it } from 'vitest';
import * as entry from '../../src/handler.ts';

// terraform/websocket.tf points two functions at the sync zip: index.authorizer, index.websocket.
describe('the Lambda entry points of the WebSocket API', () => {
  it('are exported by the bundle entry beside the sync handler', () => {
    expect(typeof entry.handler).toBe('function');
    expect(typeof entry.authorizer).toBe('function');
    expect(typeof entry.websocket).toBe('function');
  });

  it('fail loudly when their environment is missing', async () => {
    await expect(
      entry.websocket({ requestContext: { routeKey: 'ping' } } as never),
    ).rejects.toThrow(/CONNECTIONS_TABLE|REALTIME_ENDPOINT/);
  });
});
