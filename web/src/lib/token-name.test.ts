import { expect, it } from 'vitest';
import { nameFromIdToken } from './token-name.ts';

const token = (claims: object) =>
  `x.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

it('reads the name claim, or given and family names', () => {
  expect(nameFromIdToken(token({ name: 'Zoë Ångström' }))).toBe('Zoë Ångström');
  expect(nameFromIdToken(token({ given_name: 'Ada', family_name: 'Lovelace' }))).toBe(
    'Ada Lovelace',
  );
});

it('is null without a name or a readable token', () => {
  expect(nameFromIdToken(token({ email: 'a@example.com' }))).toBeNull();
  expect(nameFromIdToken('not a token')).toBeNull();
  expect(nameFromIdToken(undefined)).toBeNull();
});
