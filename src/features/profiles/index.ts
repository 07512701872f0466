// twilio-cli profiles, pure part: where the config lives and what it says.
export * from './cliConfig';
