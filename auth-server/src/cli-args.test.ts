import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it('uses the defaults', () => {
    expect(parseCliArgs([])).toEqual({
      help: false,
      host: '127.0.0.1',
      port: 7410,
      usersFile: undefined,
      accessTtlSeconds: 900,
      refreshTtlSeconds: 2_592_000,
    });
  });

  it('reads every flag', () => {
    const args = ['--port', '0', '--host', '::1', '--users', 'u.json', '--access-ttl', '60', '--refresh-ttl=3600'];
    expect(parseCliArgs(args)).toEqual({
      help: false,
      host: '::1',
      port: 0,
      usersFile: 'u.json',
      accessTtlSeconds: 60,
      refreshTtlSeconds: 3600,
    });
  });

  it.each([
    [['--bogus']],
    [['positional']],
    [['--port']],
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--port', '-1']],
    [['--port', '1e3']],
    [['--access-ttl', '0']],
    [['--refresh-ttl', '1.5']],
    [['--host', '']],
    [['--users', '']],
  ])('rejects %j', (args) => {
    expect(() => parseCliArgs(args)).toThrow(CliUsageError);
  });
});
