import { describe, expect, it } from 'vitest';
import { formatExpiry } from './format-time';

describe('formatExpiry', () => {
  const expiresAt = new Date(2030, 0, 15, 15, 30).getTime();

  it('shows only the time for today', () => {
    expect(formatExpiry(expiresAt, new Date(2030, 0, 15, 9, 0).getTime(), 'en-US')).toMatch(/^3:30\sPM$/);
  });

  it('adds the date for another day', () => {
    expect(formatExpiry(expiresAt, new Date(2030, 0, 14, 23, 0).getTime(), 'en-US')).toMatch(/^Tue, Jan 15,? 3:30\sPM$/);
  });
});
