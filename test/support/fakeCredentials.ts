// Credential-shaped test data, generated at run time so no realistic value is ever committed.
import { randomBytes } from 'crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function fakeHex(n = 32): string {
  return randomBytes(Math.ceil(n / 2)).toString('hex').slice(0, n);
}
export const fakeAccountSid = (): string => 'AC' + fakeHex();
export const fakeKeySid = (): string => 'SK' + fakeHex();
export const fakeAuthToken = (): string => fakeHex();
export function fakeKeySecret(): string {
  return [...randomBytes(32)].map((b) => ALNUM[b % ALNUM.length]).join('');
}
