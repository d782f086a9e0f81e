import type { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import type { SmtpSettings } from './smtp-settings.ts';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  attachment: { filename: string; contentType: string; content: Readable };
}

/**
 * Sends one mail through the configured server. The attachment is a stream: nodemailer reads it while it sends,
 * so an export is never held whole in memory. Timeouts are bounded so a dead server fails the run, not the worker.
 */
export async function sendMail(settings: SmtpSettings, mail: OutgoingMail): Promise<void> {
  const transport = nodemailer.createTransport({
    url: settings.url,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  try {
    await transport.sendMail({
      from: settings.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      attachments: [mail.attachment],
    });
  } finally {
    transport.close();
  }
}
