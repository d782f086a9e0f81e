import { openSecret, sealSecret } from '../../lib/secret-box.ts';

/**
 * A user's TOTP secret at rest: AES-256-GCM (lib/secret-box.ts) with the server key, bound to the user (associated
 * data), stored as base64 in the User row. A sealed secret copied to another user's row does not open.
 */
const boundTo = (userId: string) => `user:${userId}`;

export function sealTotpSecret(key: Buffer, userId: string, secretBase32: string): string {
  return sealSecret(key, secretBase32, boundTo(userId)).toString('base64');
}

export function openTotpSecret(key: Buffer, userId: string, sealed: string): string {
  return openSecret(key, Buffer.from(sealed, 'base64'), boundTo(userId));
}
