import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';

/** The Lambda entry point (API Gateway HTTP API, payload 2.0, JWT authorizer). */
export async function handler(
  _event: APIGatewayProxyEventV2WithJWTAuthorizer,
): Promise<APIGatewayProxyResultV2> {
  throw new Error('not implemented yet');
}
