// Accounts v1 credentials (accounts.twilio.com): the account's public keys for Public Key Client
// Validation and its AWS credentials. Twilio never returns their key or secret, so neither do we.
//   listAccountCredentials   GET  /v1/Credentials/PublicKeys | /v1/Credentials/AWS
//   createPublicKey          POST /v1/Credentials/PublicKeys   PublicKey, FriendlyName (checked locally first)
//   renameAccountCredential  POST /v1/Credentials/{PublicKeys|AWS}/{Sid}   FriendlyName
//   deleteAccountCredential  DEL  /v1/Credentials/{PublicKeys|AWS}/{Sid}
// Creating AWS credentials is left out on purpose: nothing in the extension asks for an AWS secret.
import { Caller, WRITE } from './caller';
import type { TwilioClient } from './client';
import { TwilioApiError } from './errors';
import { LibraryPage, listPage } from './pages';
import { checkPublicKeyPem } from './publicKeyPem';
import { checkActsOnOwnAccount, date, deleteOnce, requireSid } from './shared';
import type { AccountCredential, AccountCredentialKind, AccountCredentialRef, AccountCredentials, CallOptions, CreatePublicKeyRequest, ListOptions, Page } from './types';
import { checkCredentialName, checkCredentialSid } from './validation';

interface CredentialFields {
  sid: string;
  accountSid: string;
  friendlyName: string | null;
  dateCreated: Date;
  dateUpdated: Date;
}

function toCredential(kind: AccountCredentialKind, c: CredentialFields): AccountCredential {
  // Field by field, though Twilio sends no material: nothing but these ever travels on.
  return {
    kind,
    sid: requireSid(c.sid, 'CR'),
    accountSid: requireSid(c.accountSid, 'AC'),
    friendlyName: c.friendlyName ?? '',
    dateCreated: date(c.dateCreated),
    dateUpdated: date(c.dateUpdated),
  };
}

/** What twilio-node's `credentials.publicKey` and `credentials.aws` have in common. */
interface CredentialCollection {
  page(params: { pageSize?: number }): Promise<LibraryPage<CredentialFields>>;
  getPage(url: string): Promise<LibraryPage<CredentialFields>>;
  (sid: string): { update(params: { friendlyName: string }): Promise<CredentialFields>; remove(): Promise<boolean> };
}

function collection(client: TwilioClient, kind: AccountCredentialKind): CredentialCollection {
  const { publicKey, aws } = client.accounts.v1.credentials;
  return kind === 'publicKey' ? publicKey : aws;
}

function checkKind(kind: AccountCredentialKind): void {
  if (kind !== 'publicKey' && kind !== 'aws') throw new TwilioApiError('invalidRequest');
}

function checkRef(ref: AccountCredentialRef): void {
  checkKind(ref?.kind);
  checkCredentialSid(ref.sid);
}

export async function listAccountCredentials(caller: Caller, creds: AccountCredentials, kind: AccountCredentialKind, opts?: ListOptions): Promise<Page<AccountCredential>> {
  checkKind(kind);
  checkActsOnOwnAccount(creds);
  return listPage<CredentialFields, AccountCredential>(caller, creds, {
    first: (client, pageSize) => collection(client, kind).page({ pageSize }),
    at: (client, url) => collection(client, kind).getPage(url),
    map: (c) => toCredential(kind, c),
  }, opts);
}

/**
 * Adds a public key from PEM text. The text is checked here first (checkPublicKeyPem): a private
 * key, or anything but an RSA-2048 public key, is refused with invalidRequest and nothing is sent.
 */
export async function createPublicKey(caller: Caller, creds: AccountCredentials, req: CreatePublicKeyRequest, opts?: CallOptions): Promise<AccountCredential> {
  const check = checkPublicKeyPem(req?.publicKeyPem);
  if (!check.ok) throw new TwilioApiError('invalidRequest', check.reason);
  checkCredentialName(req.friendlyName);
  checkActsOnOwnAccount(creds);
  return caller.run(creds, opts, WRITE, async (client) =>
    toCredential('publicKey', await client.accounts.v1.credentials.publicKey.create({ publicKey: check.pem, ...(req.friendlyName !== undefined ? { friendlyName: req.friendlyName } : {}) })),
  );
}

export async function renameAccountCredential(caller: Caller, creds: AccountCredentials, ref: AccountCredentialRef, friendlyName: string, opts?: CallOptions): Promise<AccountCredential> {
  checkRef(ref);
  checkCredentialName(friendlyName);
  checkActsOnOwnAccount(creds);
  return caller.run(creds, opts, WRITE, async (client) => toCredential(ref.kind, await collection(client, ref.kind)(ref.sid).update({ friendlyName })));
}

export async function deleteAccountCredential(caller: Caller, creds: AccountCredentials, ref: AccountCredentialRef, opts?: CallOptions): Promise<void> {
  checkRef(ref);
  checkActsOnOwnAccount(creds);
  return caller.run(creds, opts, WRITE, (client, call) => deleteOnce(call, () => collection(client, ref.kind)(ref.sid).remove()));
}
