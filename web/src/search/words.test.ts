import { describe, expect, it } from 'vitest';
import { fold, MAX_WORD_LENGTH, wordsOf } from './words.ts';

describe('wordsOf', () => {
  it('folds case and diacritics, keeps each word once', () => {
    expect(wordsOf('Café au lait? CAFE! café')).toEqual(['cafe', 'au', 'lait']);
    expect(fold('Ångström ÇA')).toBe('angstrom ca');
  });

  it('splits scripts without spaces and keeps right-to-left words whole', () => {
    expect(wordsOf('我们明天见')).toEqual(expect.arrayContaining(['明天']));
    expect(wordsOf('مرحبا بالعالم.')).toEqual(['مرحبا', 'بالعالم']);
  });

  it('drops punctuation, combining marks and control characters', () => {
    expect(wordsOf('e\u0301\u0301clair, ---  \t\n')).toEqual(['eclair']);
  });

  it('cuts pathological words to a searchable prefix', () => {
    const [word] = wordsOf('x'.repeat(4_000));
    expect(word).toHaveLength(MAX_WORD_LENGTH);
  });
});
