import { describe, expect, it } from 'vitest';
import { sameOriginScriptURL } from './trusted-types.ts';

describe('Trusted Types default policy', () => {
  const origin = 'https://chat.example.com';

  it('lets same-origin script URLs through, resolved', () => {
    expect(sameOriginScriptURL('/sw.js', origin)).toBe('https://chat.example.com/sw.js');
    expect(sameOriginScriptURL('sw.js', origin)).toBe('https://chat.example.com/sw.js');
  });

  it('refuses script URLs of any other origin', () => {
    for (const url of [
      'https://evil.example/sw.js',
      '//evil.example/x.js',
      'data:text/javascript,1',
    ]) {
      expect(() => sameOriginScriptURL(url, origin)).toThrow(/not allowed/);
    }
  });
});
