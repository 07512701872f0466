// Access Tokens (JWTs for Twilio's client SDKs: Voice, Video, Conversations, Sync), built with
// twilio-node's own jwt.AccessToken and its grants, signed HS256 with the API key's secret. No
// request is made. Restricted keys cannot sign tokens Twilio accepts (Twilio's docs); that cannot
// be told here without a request, so callers should offer Main and Standard keys only.
import twilio from 'twilio';
import { TwilioApiError } from './errors';
import type { AccessTokenRequest } from './types';
import { checkAccessTokenRequest } from './validation';

export function buildAccessToken(req: AccessTokenRequest): string {
  checkAccessTokenRequest(req);
  const { AccessToken } = twilio.jwt;
  const token = new AccessToken(req.accountSid, req.keySid, req.keySecret, { identity: req.identity, ttl: req.ttlSeconds });
  const { voice, video, chat, sync } = req.grants;
  if (voice) {
    token.addGrant(
      new AccessToken.VoiceGrant({
        outgoingApplicationSid: voice.outgoingApplicationSid,
        incomingAllow: voice.incomingAllow,
        pushCredentialSid: voice.pushCredentialSid,
      }),
    );
  }
  if (video) token.addGrant(new AccessToken.VideoGrant({ room: video.room }));
  if (chat) token.addGrant(new AccessToken.ChatGrant({ serviceSid: chat.serviceSid, endpointId: chat.endpointId, pushCredentialSid: chat.pushCredentialSid }));
  if (sync) token.addGrant(new AccessToken.SyncGrant({ serviceSid: sync.serviceSid, endpointId: sync.endpointId }));
  try {
    return token.toJwt('HS256');
  } catch {
    // jsonwebtoken's own message could quote its input; say only what failed.
    throw new TwilioApiError('invalidRequest', 'The Access Token could not be signed with this key.');
  }
}
