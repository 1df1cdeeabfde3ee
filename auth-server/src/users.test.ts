import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_USERS,
  loadUsersFile,
  normalizeEmail,
  parseUsers,
  UserDirectory,
  userIdFor,
  UsersFileError,
} from './users';

const ada = { email: 'Ada@Example.com', password: 'lovelace-1815', name: 'Ada Lovelace' };

describe('normalizeEmail / userIdFor', () => {
  it('trims and lowercases', () => {
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com');
  });

  it('gives stable ids that ignore case and differ between emails', () => {
    expect(userIdFor('ada@example.com')).toMatch(/^usr_[0-9a-f]{16}$/);
    expect(userIdFor(' ADA@example.com')).toBe(userIdFor('ada@example.com'));
    expect(userIdFor('bob@example.com')).not.toBe(userIdFor('ada@example.com'));
  });
});

describe('parseUsers', () => {
  it('accepts the default users', () => {
    expect(parseUsers(DEFAULT_USERS)).toEqual(DEFAULT_USERS);
  });

  it.each([
    ['not an array', { email: 'a@b.c', password: 'x', name: 'A' }],
    ['empty', []],
    ['missing a name', [{ email: 'a@b.c', password: 'x' }]],
    ['a numeric password', [{ email: 'a@b.c', password: 1234, name: 'A' }]],
    ['an invalid email', [{ email: 'nope', password: 'x', name: 'A' }]],
    ['an extra field', [{ email: 'a@b.c', password: 'x', name: 'A', admin: true }]],
    ['duplicate emails', [{ email: 'a@b.c', password: 'x', name: 'A' }, { email: ' A@B.C', password: 'y', name: 'B' }]],
  ])('rejects a list that is %s', (_label, input) => {
    expect(() => parseUsers(input)).toThrow(UsersFileError);
  });

  it('does not echo passwords in its error', () => {
    const attempt = () => parseUsers([{ email: 'nope', password: 'sup3r-secret', name: 'A' }]);
    expect(attempt).toThrow(/email/);
    expect(attempt).not.toThrow(/sup3r-secret/);
  });
});

describe('loadUsersFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'auth-users-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads a valid file', async () => {
    const file = join(dir, 'ok.json');
    await writeFile(file, JSON.stringify([ada]));
    expect(await loadUsersFile(file)).toEqual([ada]);
  });

  it('explains a missing file, invalid JSON and an invalid shape', async () => {
    await expect(loadUsersFile(join(dir, 'missing.json'))).rejects.toThrow(/cannot read users file.*ENOENT/);
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '[{"email": "a@b.c", "password": "hunter2-secret",');
    const error = await loadUsersFile(broken).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsersFileError);
    expect(String(error)).toMatch(/not valid JSON/);
    expect(String(error)).not.toContain('hunter2');
    const wrong = join(dir, 'wrong.json');
    await writeFile(wrong, JSON.stringify({ users: [ada] }));
    await expect(loadUsersFile(wrong)).rejects.toThrow(/is invalid/);
  });
});

describe('UserDirectory', () => {
  it('verifies passwords case-insensitively on the email', async () => {
    const directory = await UserDirectory.create([ada], { scryptCost: 1024 });
    const expected = { id: userIdFor(ada.email), email: 'ada@example.com', name: 'Ada Lovelace' };
    expect(await directory.verify(' ADA@example.com', ada.password)).toEqual(expected);
    expect(await directory.verify(ada.email, 'lovelace-1816')).toBeNull();
    expect(await directory.verify(ada.email, '')).toBeNull();
    expect(await directory.verify('bob@example.com', ada.password)).toBeNull();
    expect(directory.findById(expected.id)).toEqual(expected);
    expect(directory.findByEmail('ada@EXAMPLE.com')).toEqual(expected);
    expect(directory.findById('usr_nobody')).toBeUndefined();
  });

  it('keeps no plain passwords', async () => {
    const directory = await UserDirectory.create([ada], { scryptCost: 1024 });
    expect(JSON.stringify(directory)).not.toContain(ada.password);
    expect(JSON.stringify(directory.findById(userIdFor(ada.email)))).not.toContain(ada.password);
  });

  it('rejects an invalid scrypt cost', async () => {
    await expect(UserDirectory.create([ada], { scryptCost: 1000 })).rejects.toThrow(RangeError);
  });

  it('spends about as long on an unknown email as on a wrong password (default cost)', async () => {
    const directory = await UserDirectory.create([ada]);
    const median = async (attempt: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const start = performance.now();
        await attempt();
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[1] ?? 0;
    };
    const wrongPassword = await median(() => directory.verify(ada.email, 'wrong'));
    const unknownEmail = await median(() => directory.verify('nobody@example.com', 'wrong'));
    // Without the dummy hash an unknown email would take well under 1% of the time.
    expect(unknownEmail).toBeGreaterThan(wrongPassword * 0.3);
    expect(wrongPassword).toBeGreaterThan(unknownEmail * 0.3);
  });
});
