import { afterEach, describe, expect, it } from 'vitest';
import type { TesseraApi } from '../../shared/tessera-api';
import { getTesseraApi } from './api';

describe('getTesseraApi', () => {
  afterEach(() => {
    delete (window as Partial<Window>).tessera;
  });

  it('returns window.tessera', () => {
    const api = {} as TesseraApi;
    window.tessera = api;
    expect(getTesseraApi()).toBe(api);
  });

  it('says clearly when the preload did not run', () => {
    expect(() => getTesseraApi()).toThrow(/window\.tessera is missing/);
  });
});
