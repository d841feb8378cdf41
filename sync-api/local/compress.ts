import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { DeploymentContract } from './contract.ts';

/**
 * CloudFront's `compress = true`: brotli when the viewer accepts it, else gzip, for the
 * contract's content types and sizes (1,000 to 10,000,000 bytes); anything else as is.
 */
export function chooseEncoding(
  c: DeploymentContract,
  req: IncomingMessage,
  contentType: string,
  size: number,
): 'br' | 'gzip' | null {
  const rules = c.compression;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!rules.contentTypes.includes(type) || size < rules.minBytes || size > rules.maxBytes) {
    return null;
  }
  const accepted = String(req.headers['accept-encoding'] ?? '')
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase());
  return (rules.encodings.find((e) => accepted.includes(e)) as 'br' | 'gzip' | undefined) ?? null;
}

/** Brotli at quality 5, not zlib's default 11: on-the-fly like CloudFront, fast enough per request. */
export function compressor(encoding: 'br' | 'gzip', size: number): Transform {
  return encoding === 'br'
    ? createBrotliCompress({
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_SIZE_HINT]: size,
        },
      })
    : createGzip();
}
