// Is this text a public key Twilio accepts for Public Key Client Validation? Twilio takes an RSA key
// of 2048 bits with exponent 65537 in PEM. A private key is refused first and by its own message: it
// must never be sent (node's createPublicKey would happily derive a public key from it, so that is
// checked before parsing). Pure (node's crypto only, no `twilio`); the rest of the extension may
// import it to check a file before anything is sent, and createPublicKey in accountCredentials.ts
// checks again.
import * as crypto from 'crypto';
import * as l10n from '@vscode/l10n';

/** Larger than any PEM public key; a bigger file is something else. */
export const MAX_PUBLIC_KEY_PEM = 16 * 1024;
const RSA_BITS = 2048;
const RSA_EXPONENT = 65537n;

export type PublicKeyPemCheck =
  /** `pem`: the key as SPKI PEM (`-----BEGIN PUBLIC KEY-----`), what is sent to Twilio. */
  | { ok: true; pem: string; keyType: 'rsa'; bits: number }
  /** `reason` is user-facing and never quotes the text. `privateKey`: the text holds a private key. */
  | { ok: false; reason: string; privateKey: boolean };

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** Any sign of private key material: PEM private keys of every flavour, PuTTY and OpenSSH keys, a JWK with `d`. */
export function holdsPrivateKey(text: string): boolean {
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/.test(text) || /PuTTY-User-Key-File-\d/.test(text)) return true;
  if (/"d"\s*:\s*"/.test(text) && /"kty"\s*:/.test(text)) return true;
  try {
    crypto.createPrivateKey(text);
    return true;
  } catch {
    return false;
  }
}

function refuse(reason: string, privateKey = false): PublicKeyPemCheck {
  return { ok: false, reason, privateKey };
}

export function checkPublicKeyPem(text: string): PublicKeyPemCheck {
  if (typeof text !== 'string' || text.trim() === '') return refuse(l10n.t('The file is empty: choose the PEM file of your public key.'));
  if (text.length > MAX_PUBLIC_KEY_PEM) return refuse(l10n.t('The file is too large to be a public key (more than {0} KB).', MAX_PUBLIC_KEY_PEM / 1024));
  if (holdsPrivateKey(text)) {
    return refuse(
      l10n.t(
        'This file holds a private key, which must never leave your machine: it was not sent. Twilio needs only the public key. Make it with "openssl rsa -in private_key.pem -pubout -out public_key.pem" and choose public_key.pem.',
      ),
      true,
    );
  }
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.length === 0) return refuse(l10n.t('This is not a PEM public key: it should start with "-----BEGIN PUBLIC KEY-----".'));
  if (blocks.length > 1) return refuse(l10n.t('The file holds more than one PEM block: choose a file with just the public key.'));
  const label = blocks[0][1];
  if (label === 'CERTIFICATE') {
    return refuse(l10n.t('This is a certificate, not a public key. Extract its public key with "openssl x509 -in cert.pem -pubkey -noout > public_key.pem" and choose that file.'));
  }
  if (label !== 'PUBLIC KEY' && label !== 'RSA PUBLIC KEY') return refuse(l10n.t('This PEM block is not a public key: it should start with "-----BEGIN PUBLIC KEY-----".'));
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey(blocks[0][0]);
  } catch {
    return refuse(l10n.t('The public key could not be read: the file looks damaged. Export it again.'));
  }
  const details = key.asymmetricKeyDetails;
  const make = l10n.t('Make one with "openssl genrsa -out private_key.pem 2048", then "openssl rsa -in private_key.pem -pubout -out public_key.pem".');
  if (key.asymmetricKeyType !== 'rsa') {
    return refuse(l10n.t('Twilio accepts only RSA public keys of {0} bits with exponent 65537; this is an {1} key. {2}', RSA_BITS, key.asymmetricKeyType?.toUpperCase() ?? '?', make));
  }
  if (details?.modulusLength !== RSA_BITS || details.publicExponent !== RSA_EXPONENT) {
    return refuse(
      l10n.t(
        'Twilio accepts only RSA public keys of {0} bits with exponent 65537; this one has {1} bits and exponent {2}. {3}',
        RSA_BITS,
        details?.modulusLength ?? '?',
        String(details?.publicExponent ?? '?'),
        make,
      ),
    );
  }
  return { ok: true, pem: key.export({ type: 'spki', format: 'pem' }).toString(), keyType: 'rsa', bits: RSA_BITS };
}
