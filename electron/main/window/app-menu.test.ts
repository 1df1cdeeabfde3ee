import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate } from './app-menu';

describe('appMenuTemplate', () => {
  it('has a New Window item that opens a window', () => {
    const newWindow = vi.fn();
    const file = appMenuTemplate({ platform: 'linux', isDev: false, newWindow }).find((menu) => menu.label === 'File');
    const item = (file?.submenu as Array<{ label?: string; accelerator?: string; click?: () => void }>).find((entry) => entry.label === 'New Window');
    expect(item?.accelerator).toBe('CmdOrCtrl+N');
    item?.click?.();
    expect(newWindow).toHaveBeenCalledOnce();
  });

  it('offers dev tools only in development', () => {
    const roles = (isDev: boolean) =>
      JSON.stringify(appMenuTemplate({ platform: 'linux', isDev, newWindow: () => undefined }));
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('adds the app menu on macOS only', () => {
    expect(appMenuTemplate({ platform: 'darwin', isDev: false, newWindow: () => undefined })[0]).toEqual({ role: 'appMenu' });
    expect(appMenuTemplate({ platform: 'win32', isDev: false, newWindow: () => undefined })[0]?.label).toBe('File');
  });
});
