// Builds a twilio-node client for one call's credentials. Every option the library would
// otherwise take from the environment is given explicitly: username/password fall back to
// TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN, region/edge/logLevel to TWILIO_REGION/TWILIO_EDGE/
// TWILIO_LOG_LEVEL, and the default transport reads TWILIO_CA_BUNDLE and HTTP_PROXY.
import twilio from 'twilio';
import type { ApiHttpClient } from './httpClient';
import type { AccountCredentials } from './types';

export type TwilioClient = ReturnType<typeof twilio>;

export function buildClient(creds: AccountCredentials, httpClient: ApiHttpClient, userAgent: string | undefined): TwilioClient {
  // With parentAccountSid the parent's SID and Auth Token authenticate, while `accountSid` (the
  // subaccount) is the account the calls address, as Twilio's docs describe for subaccounts.
  const [username, password] =
    creds.auth.kind === 'authToken'
      ? [creds.parentAccountSid ?? creds.accountSid, creds.auth.authToken]
      : [creds.auth.keySid, creds.auth.keySecret];
  return twilio(username, password, {
    accountSid: creds.accountSid,
    // '' (not undefined) stops the fallback to TWILIO_REGION/TWILIO_EDGE and means "default host".
    region: creds.region ?? '',
    edge: creds.edge ?? '',
    // Anything but 'debug' is silent; 'debug' would print requests to the console.
    logLevel: 'info',
    env: {},
    httpClient,
    timeout: httpClient.defaultTimeout,
    autoRetry: false,
    lazyLoading: true,
    userAgentExtensions: userAgent ? [userAgent] : [],
  });
}
