/**
 * Generates a deployment's VAPID key pair, once: the private key goes straight into SSM
 * Parameter Store as a SecureString (the parameter Terraform created with a placeholder,
 * terraform/push.tf), the public key is printed for Terraform's `vapid_public_key`, which
 * writes it into config.json. The private key is never printed, written to disk, bundled or
 * put in Terraform state.
 *
 *   npx tsx sync-api/scripts/vapid-keys.ts --prefix chatscape --region eu-west-1 [--rotate]
 *
 * Refuses to replace a key that is already set unless --rotate is given: rotating makes every
 * existing browser subscription invalid (push services refuse a JWT signed with another key),
 * so devices must subscribe again.
 */
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import webpush from 'web-push';
import { vapidParameterName } from '../src/push/config.ts';

export const PLACEHOLDER = 'unset';

function option(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : fallback;
  if (!value) throw new Error(`--${name} is required`);
  return value;
}

async function main() {
  const prefix = option('prefix', 'chatscape');
  const region = option('region', process.env.AWS_REGION ?? 'eu-west-1');
  const rotate = process.argv.includes('--rotate');
  const name = vapidParameterName(prefix);
  const ssm = new SSMClient({ region });
  const current = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  if (!current.Parameter) throw new Error(`${name} not found: run terraform apply first`);
  if (current.Parameter.Value !== PLACEHOLDER && !rotate) {
    throw new Error(
      `${name} already holds a key; pass --rotate to replace it (devices resubscribe)`,
    );
  }
  const keys = webpush.generateVAPIDKeys();
  await ssm.send(
    new PutParameterCommand({
      Name: name,
      Value: keys.privateKey,
      Type: 'SecureString',
      Overwrite: true,
    }),
  );
  console.log(`Stored the VAPID private key in ${name} (SecureString).`);
  console.log('Set this in your Terraform variables, then terraform apply:');
  console.log(`vapid_public_key = "${keys.publicKey}"`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
