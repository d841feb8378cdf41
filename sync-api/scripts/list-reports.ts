/**
 * Lists abuse reports, newest first, for an operator.
 *
 *   npm run reports                       the local stack's dynalite (npm start; port from
 *                                         CHATSCAPE_DYNAMO_PORT, default 8083)
 *   REPORTS_TABLE=chatscape-reports \
 *   AWS_PROFILE=<reader> npm run reports  AWS, with the read-only reports role
 *                                         (terraform output reports_reader_role_arn)
 *
 * `--json` prints one JSON object per line instead of a table. Reads only (Scan): the sync
 * Lambda itself can only PutItem here.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { localCredentials } from '../local/dynamo.ts';
import { localEnv } from '../local/env.ts';
import { tablePrefix } from '../local/stack.ts';
import { tableNames } from '../src/store/tables.ts';

interface Report {
  reported: string;
  id: string;
  reporter: string;
  reason: string;
  createdAt: number;
}

function target(env: NodeJS.ProcessEnv) {
  if (env.REPORTS_TABLE) return { table: env.REPORTS_TABLE, client: new DynamoDBClient({}) };
  const endpoint = `http://127.0.0.1:${localEnv(env).dynamoPort}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: localCredentials });
  return { table: tableNames(tablePrefix).reports, client };
}

export async function listReports(env: NodeJS.ProcessEnv = process.env): Promise<Report[]> {
  const { table, client } = target(env);
  const db = DynamoDBDocumentClient.from(client);
  try {
    const reports: Report[] = [];
    for await (const page of paginateScan({ client: db }, { TableName: table })) {
      reports.push(...((page.Items ?? []) as Report[]));
    }
    return reports.sort((a, b) => b.createdAt - a.createdAt);
  } finally {
    db.destroy();
  }
}

export function formatReports(reports: Report[]): string {
  if (reports.length === 0) return 'No reports.';
  return reports
    .map((r) =>
      [new Date(r.createdAt).toISOString(), `${r.reporter} reported ${r.reported}`, r.reason]
        .filter(Boolean)
        .join('  '),
    )
    .join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const reports = await listReports();
    if (process.argv.includes('--json')) {
      for (const r of reports) console.log(JSON.stringify(r));
    } else console.log(formatReports(reports));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (
      name === 'ResourceNotFoundException' ||
      (error as { code?: string }).code === 'ECONNREFUSED'
    ) {
      console.error('No reports table reachable: is the local stack running (npm start)?');
    } else console.error(error);
    process.exit(1);
  }
}
