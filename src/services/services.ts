import type { AccountStore } from '../accounts/accountStore';
import type { KeyCache } from '../keys/keyCache';
import type { TwilioService } from './twilioService';
import type { EnvWriter } from '../dotenv/envWriter';
import type { EnvIndex } from '../dotenv/envIndex';
import type { Log } from '../util/log';

/** What commands need, built once in activate() and passed down. */
export interface Services {
  log: Log;
  accounts: AccountStore;
  keys: KeyCache;
  twilio: TwilioService;
  envWriter: EnvWriter;
  envIndex: EnvIndex;
}
