import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to the embedded database and plain-HTTP cookies outside production', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.cookieSecure).toBe(false);
    expect(c.sessionCookieName).toBe('perch_session');
  });
  const key = Buffer.alloc(32, 7).toString('base64');

  it('uses __Host- Secure cookies in production unless COOKIE_SECURE=false', () => {
    const prod = { NODE_ENV: 'production', PERCH_SECRET_KEY: key };
    expect(loadConfig(prod).sessionCookieName).toBe('__Host-perch_session');
    expect(loadConfig({ ...prod, COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
  });

  it('requires a 32-byte secret key in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PERCH_SECRET_KEY/);
    expect(() => loadConfig({ PERCH_SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/PERCH_SECRET_KEY/);
    expect(loadConfig({ NODE_ENV: 'production', PERCH_SECRET_KEY: key }).secretKey).toHaveLength(32);
  });
  it('reads the trusted origins (SSRF exceptions) as a list of origins, refusing anything else', () => {
    expect(loadConfig({}).trustedOrigins).toEqual([]);
    expect(
      loadConfig({ PERCH_TRUSTED_ORIGINS: 'http://127.0.0.1:4010, https://proxy.internal:8443/' }).trustedOrigins,
    ).toEqual(['http://127.0.0.1:4010', 'https://proxy.internal:8443']);
    expect(() => loadConfig({ PERCH_TRUSTED_ORIGINS: 'ftp://files.example' })).toThrow(/PERCH_TRUSTED_ORIGINS/);
    expect(() => loadConfig({ PERCH_TRUSTED_ORIGINS: 'http://127.0.0.1:4010/path' })).toThrow(/is not an origin/);
  });
  it('accepts a simulator rate of 0 (the sandbox runs, nothing is posted)', () => {
    expect(loadConfig({ SIMULATOR_RATE: '0' }).simulator.ratePerMinute).toBe(0);
    expect(() => loadConfig({ SIMULATOR_RATE: '-1' })).toThrow(/SIMULATOR_RATE/);
  });
  it('stops with a clear message on an invalid value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });
});
