import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (channel consumer secrets, tokens, webhook signing secrets): AES-256-GCM with a random
 * 96-bit nonce per value. Layout: version (1 byte) | nonce (12) | tag (16) | ciphertext. The organization id is
 * bound as associated data, so a ciphertext copied to another tenant's row does not decrypt.
 */
const VERSION = 1;

export function sealSecret(key: Buffer, plaintext: string, organizationId: string): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(organizationId));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
}

export function openSecret(key: Buffer, sealed: Uint8Array, organizationId: string): string {
  const buf = Buffer.from(sealed);
  if (buf[0] !== VERSION || buf.length < 29) throw new Error('unknown secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(1, 13));
  decipher.setAAD(Buffer.from(organizationId));
  decipher.setAuthTag(buf.subarray(13, 29));
  return Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()]).toString('utf8');
}
