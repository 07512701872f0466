// Shared helpers for in-host tests.
export const extensionId = 'twilio-credentials.twilio-credentials';
