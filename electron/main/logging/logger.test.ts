import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from './logger';

const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfMSIsImV4cCI6MTcwMDAwMDAwMH0.Zm9vYmFyYmF6cXV4cXV1eA';
const refresh = 'b3BhcXVlLXJlZnJlc2gtdG9rZW4tdmFsdWUtNDMtY2hhcnM';

describe('logger redaction', () => {
  it('never writes token-shaped text, from messages or fields', () => {
    const logger = createMemoryLogger();
    logger.info(`got ${jwt} and ${refresh}`);
    logger.warn('header', { header: `Bearer ${refresh}`, nested: { list: [jwt] } });
    logger.error('failed', { accessToken: 'short', refreshToken: 'short', password: 'hunter2', error: new Error(`bad ${jwt}`) });
    const out = logger.lines.join('\n');
    for (const secret of [jwt, refresh, 'hunter2', 'short', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
    expect(out).toContain('header');
  });

  it('keeps ordinary words and paths readable', () => {
    const logger = createMemoryLogger();
    logger.warn('session file unreadable', { movedTo: '/home/a/.config/Tessera/session.json.corrupt-1700000000000' });
    expect(logger.lines[0]).toContain('session.json.corrupt-1700000000000');
  });
});
