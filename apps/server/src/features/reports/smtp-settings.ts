import { loadConfig } from '../../config.ts';

export interface SmtpSettings {
  /** smtp://user:pass@host:port or smtps://… (nodemailer's URL form; query options such as ?pool=true apply). */
  url: string;
  from: string;
}

let override: SmtpSettings | null | undefined;

/**
 * The SMTP settings in force: the configuration's (PERCH_SMTP_URL, PERCH_MAIL_FROM; read through config.ts like
 * every setting), unless a test has set its own local server with `useSmtpSettings`. Read when needed, so the
 * router (web processes) and the worker see the same thing without extra wiring.
 */
export function smtpSettings(): SmtpSettings | null {
  return override !== undefined ? override : loadConfig().smtp;
}

/** Tests: a local SMTP server (or null: not configured); undefined goes back to the configuration. */
export function useSmtpSettings(settings: SmtpSettings | null | undefined) {
  override = settings;
}

export const SMTP_MISSING =
  'Scheduled reports need outgoing mail: set PERCH_SMTP_URL (smtp://user:pass@host:port) and PERCH_MAIL_FROM, then restart Perch';
