import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';

export type PostOutcome = 'sent' | 'gone';

/** Sends one message down one socket. */
export interface ConnectionPoster {
  /**
   * Posts `data` to the connection. 'gone' when the connection no longer exists (410); throws
   * any other failure (throttling, network). Not idempotent: a retry may deliver twice, which
   * is harmless for pokes (a pull is idempotent) and typing (it only refreshes a timer).
   */
  post(connectionId: string, data: string): Promise<PostOutcome>;
}

/**
 * The API Gateway management API (`POST /<stage>/@connections/<id>`). `endpoint` is
 * https://<api id>.execute-api.<region>.amazonaws.com/<stage>, or the local stand-in's URL.
 */
export class ApiGatewayPoster implements ConnectionPoster {
  private readonly client: ApiGatewayManagementApiClient;

  constructor(endpoint: string, region?: string) {
    this.client = new ApiGatewayManagementApiClient({ endpoint, ...(region && { region }) });
  }

  async post(connectionId: string, data: string): Promise<PostOutcome> {
    try {
      await this.client.send(
        new PostToConnectionCommand({
          ConnectionId: connectionId,
          Data: new TextEncoder().encode(data),
        }),
      );
      return 'sent';
    } catch (error) {
      if (error instanceof GoneException) return 'gone';
      throw error;
    }
  }
}
