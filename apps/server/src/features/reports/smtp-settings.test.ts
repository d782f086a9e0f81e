import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';

describe('SMTP configuration (PERCH_SMTP_URL, PERCH_MAIL_FROM)', () => {
  it('is off without them, on with both', () => {
    expect(loadConfig({}).smtp).toBeNull();
    expect(
      loadConfig({
        PERCH_SMTP_URL: 'smtp://user:pa%40ss@mail.example.com:587',
        PERCH_MAIL_FROM: 'Perch <r@example.com>',
      }).smtp,
    ).toEqual({ url: 'smtp://user:pa%40ss@mail.example.com:587', from: 'Perch <r@example.com>' });
    expect(
      loadConfig({ PERCH_SMTP_URL: 'smtps://mail.example.com:465', PERCH_MAIL_FROM: 'r@example.com' }).smtp,
    ).not.toBeNull();
  });

  it('refuses one without the other, and a URL that is not smtp(s)://', () => {
    expect(() => loadConfig({ PERCH_SMTP_URL: 'smtp://mail.example.com' })).toThrow(/set both/);
    expect(() => loadConfig({ PERCH_MAIL_FROM: 'r@example.com' })).toThrow(/set both/);
    expect(() => loadConfig({ PERCH_SMTP_URL: 'http://mail.example.com', PERCH_MAIL_FROM: 'r@example.com' })).toThrow(
      /PERCH_SMTP_URL: must be smtp/,
    );
  });
});
