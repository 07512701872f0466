// Identifiers, secrets and dates in the shapes Twilio uses. Everything credential-shaped is drawn
// from crypto.randomBytes at run time, so no realistic-looking value is ever written in source.
import { generateKeyPairSync, randomBytes } from 'crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `AC`/`SK`/`RQ`… + 32 lowercase hex, the shape of every Twilio SID. */
export function newSid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

/** An Auth Token: 32 lowercase hex, no prefix. */
export function newAuthToken(): string {
  return randomBytes(16).toString('hex');
}

/** An API key secret: 32 letters and digits. */
export function newKeySecret(): string {
  // 62 does not divide 256, so reject the top bytes to keep the characters uniform.
  let out = '';
  while (out.length < 32) {
    for (const b of randomBytes(48)) {
      if (b < 248 && out.length < 32) out += ALNUM[b % 62];
    }
  }
  return out;
}

export const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
export const KEY_SID = /^SK[0-9a-fA-F]{32}$/;

/** RFC 2822 as Twilio writes it: `Mon, 13 Jun 2016 22:50:08 +0000`. */
export function rfc2822(d: Date): string {
  return d.toUTCString().replace(/GMT$/, '+0000');
}

/** ISO 8601 without fractions, as the v1 APIs write dates (`2015-07-31T04:00:00Z`; twilio-node parses exactly this). */
export function iso8601(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `n` random decimal digits (a Functions service's domain suffix). */
export function randomDigits(n: number): string {
  return [...randomBytes(n)].map((b) => String(b % 10)).join('');
}

/** A fresh RSA-2048 public key (exponent 65537) in PEM, the only kind Twilio accepts for Public Key Client Validation. */
export function newRsaPublicKeyPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/** AWS credentials as Twilio takes them, `ACCESS_KEY_ID:SECRET`, random per call. */
export function newAwsCredentials(): string {
  const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const id = 'AKIA' + [...randomBytes(16)].map((b) => upper[b % 32]).join('');
  return `${id}:${randomBytes(30).toString('base64')}`;
}
