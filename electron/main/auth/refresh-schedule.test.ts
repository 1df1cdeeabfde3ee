import { describe, expect, it } from 'vitest';
import { refreshDelay, retryDelay } from './refresh-schedule';

describe('refreshDelay', () => {
  const now = 1_000_000;
  it.each([
    ['a 15-minute token: at half its life (earlier than 60 s before)', 900_000, 450_000],
    ['a 10-minute token: at half its life', 600_000, 300_000],
    ['a 4-second token (shorter than the skew): at half its life, not in a loop', 4_000, 2_000],
    ['a 1.5-second token: not sooner than 1 s', 1_500, 1_000],
    ['an almost expired token: just before expiry', 400, 400],
    ['an expired token: now', -5, 0],
  ])('%s', (_name, remaining, expected) => {
    expect(refreshDelay(now + remaining, now, 60_000)).toBe(expected);
  });

  it('uses the skew when it is the earlier of the two', () => {
    expect(refreshDelay(now + 3_600_000, now, 60_000)).toBe(1_800_000);
    expect(refreshDelay(now + 100_000, now, 60_000)).toBe(40_000);
  });
});

describe('retryDelay', () => {
  it('doubles from the base up to the cap', () => {
    expect([0, 1, 2, 3, 10].map((attempt) => retryDelay(attempt, 2_000, 60_000))).toEqual([2_000, 4_000, 8_000, 16_000, 60_000]);
  });
});
