// Credential-shaped test data, generated at run time so no realistic value is ever committed.
import { generateKeyPairSync, randomBytes } from 'crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function fakeHex(n = 32): string {
  return randomBytes(Math.ceil(n / 2)).toString('hex').slice(0, n);
}
export const fakeAccountSid = (): string => 'AC' + fakeHex();
export const fakeKeySid = (): string => 'SK' + fakeHex();
/**
 * An Auth Token as Twilio makes them: 32 random hex digits. Drawn again in the rare case (about 1 in
 * 600) that it uses 10 or fewer distinct digits, which the detector reads as a made-up value and
 * discounts, so a test of weakly evidenced tokens does not fail once in a few hundred runs.
 */
export function fakeAuthToken(): string {
  for (;;) {
    const token = fakeHex();
    if (new Set(token).size > 10) return token;
  }
}
export function fakeKeySecret(): string {
  return [...randomBytes(32)].map((b) => ALNUM[b % ALNUM.length]).join('');
}

function fromAlphabet(alphabet: string, n: number): string {
  return [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
}
const URL_SAFE = ALNUM + '-_';

/** An RSA key pair in PEM (public: SPKI, private: PKCS#8), for Public Key Client Validation tests. */
export function fakeRsaKeyPair(bits = 2048): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 65537 });
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** The shape of Firebase's legacy FCM server key (`AAAA` + 7 characters, `:APA91b`, 134 more). */
export function fakeFcmLegacyServerKey(): string {
  return `AAAA${fromAlphabet(URL_SAFE, 7)}:APA91b${fromAlphabet(URL_SAFE, 134)}`;
}

/** The shape of a Google API key (`AIza` + 35 characters), which GCM credentials held. */
export function fakeGoogleApiKey(): string {
  return `AIza${fromAlphabet(URL_SAFE, 35)}`;
}

/** A Firebase service-account key file as Google's console downloads it (FCM HTTP v1), with a fresh private key. */
export function fakeServiceAccountJson(projectId = `demo-${fakeHex(6)}`): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientEmail = `firebase-adminsdk-${fakeHex(5)}@${projectId}.iam.gserviceaccount.com`;
  return JSON.stringify(
    {
      type: 'service_account',
      project_id: projectId,
      private_key_id: fakeHex(40),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: clientEmail,
      client_id: String(BigInt('0x' + fakeHex(16))),
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: 'https://oauth2.googleapis.com/token',
      universe_domain: 'googleapis.com',
    },
    null,
    2,
  );
}

/** AWS credentials as Twilio takes them: `ACCESS_KEY_ID:SECRET_ACCESS_KEY`. */
export function fakeAwsCredentials(): string {
  return `AKIA${fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}:${fromAlphabet(ALNUM + '/+', 40)}`;
}
