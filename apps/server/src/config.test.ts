import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to the embedded database and plain-HTTP cookies outside production', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.cookieSecure).toBe(false);
    expect(c.sessionCookieName).toBe('perch_session');
  });
  it('uses __Host- Secure cookies in production unless COOKIE_SECURE=false', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).sessionCookieName).toBe('__Host-perch_session');
    expect(loadConfig({ NODE_ENV: 'production', COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
  });
  it('stops with a clear message on an invalid value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });
});
