import { describe, expect, it } from 'vitest';
import { createSenderCheck, isSameAppUrl } from './trusted-sender';

describe('isSameAppUrl', () => {
  const file = 'file:///opt/Tessera/resources/app.asar/out/renderer/index.html';
  it.each([
    [file, file, true],
    [`${file}#/signed-in`, file, true],
    [`${file}?x=1`, file, true],
    ['file:///opt/Tessera/resources/app.asar/out/renderer/index.html.evil', file, false],
    ['file:///tmp/evil.html', file, false],
    ['http://localhost:5173/', 'http://localhost:5173', true],
    ['http://localhost:5173/some/route', 'http://localhost:5173/', true],
    ['http://localhost:5173.evil.com/', 'http://localhost:5173', false],
    ['http://localhost:5174/', 'http://localhost:5173', false],
    ['https://localhost:5173/', 'http://localhost:5173', false],
    ['not a url', file, false],
    ['about:blank', 'http://localhost:5173', false],
  ])('%s vs %s ⇒ %s', (candidate, app, expected) => {
    expect(isSameAppUrl(candidate, app)).toBe(expected);
  });
});

describe('createSenderCheck', () => {
  const check = createSenderCheck('http://127.0.0.1:4000/');
  it('trusts only the top frame of our page', () => {
    expect(check({ url: 'http://127.0.0.1:4000/', parent: null })).toBe(true);
    expect(check({ url: 'http://127.0.0.1:4000/', parent: {} })).toBe(false);
    expect(check({ url: 'http://127.0.0.1:4001/', parent: null })).toBe(false);
    expect(check(null)).toBe(false);
    expect(check(undefined)).toBe(false);
  });
});

describe('the app:// origin', () => {
  const check = createSenderCheck('app://tessera/index.html');
  it.each([
    ['app://tessera/index.html', true],
    ['app://tessera/', true],
    ['app://tessera.evil/index.html', false],
    ['app://other/index.html', false],
    ['file:///index.html', false],
    ['https://tessera/index.html', false],
  ])('%s ⇒ %s', (url, expected) => {
    expect(check({ url, parent: null })).toBe(expected);
  });
});
