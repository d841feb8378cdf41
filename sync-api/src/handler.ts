import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import type { TableNames } from './store/tables.ts';

export interface HandlerConfig {
  tables: TableNames;
  /** The app's origin, e.g. https://chat.example.com (CORS is API Gateway's; kept for logs). */
  allowedOrigin: string;
  overlapMs: number;
  rateLimitPerMinute: number;
  /** Local stack only: dynalite's URL. */
  dynamoEndpoint?: string;
  region?: string;
}

export type SyncLambdaHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
) => Promise<APIGatewayProxyStructuredResultV2>;

export function configFromEnv(_env: NodeJS.ProcessEnv = process.env): HandlerConfig {
  throw new Error('not implemented yet');
}

export function createLambdaHandler(_config: HandlerConfig): SyncLambdaHandler {
  throw new Error('not implemented yet');
}

/** The Lambda entry point (API Gateway HTTP API, payload 2.0, JWT authorizer). */
export const handler: SyncLambdaHandler = async (event) =>
  createLambdaHandler(configFromEnv())(event);
