import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../shared/errors';
import { errorMessage, rateLimitedMessage } from './error-messages';

describe('error messages', () => {
  it('has plain words for every code, with no code names leaking through', () => {
    for (const code of errorCodes) {
      const text = errorMessage(code);
      expect(text).toMatch(/^[A-Z].*\.$/);
      expect(text).not.toContain('_');
    }
  });

  it('words the rate limit with seconds', () => {
    expect(rateLimitedMessage(30)).toBe('Too many attempts. Try again in 30 seconds.');
    expect(rateLimitedMessage(1)).toBe('Too many attempts. Try again in 1 second.');
    expect(rateLimitedMessage(0)).toBe('Too many attempts. Try again in a moment.');
    expect(rateLimitedMessage(undefined)).toBe('Too many attempts. Try again in a moment.');
  });
});
