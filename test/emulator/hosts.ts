// Twilio hostnames: product[.edge][.region].twilio.com, e.g. api.dublin.ie1.twilio.com.

export interface TwilioHost {
  product: string;
  edge?: string;
  region?: string;
}

/** Splits a Twilio hostname (port ignored); undefined for anything that is not *.twilio.com. */
export function parseTwilioHost(host: string): TwilioHost | undefined {
  const name = host.toLowerCase().replace(/:\d+$/, '');
  if (!name.endsWith('.twilio.com')) return undefined;
  const parts = name.slice(0, -'.twilio.com'.length).split('.');
  if (parts.length === 1) return { product: parts[0] };
  if (parts.length === 2) return { product: parts[0], region: parts[1] };
  if (parts.length === 3) return { product: parts[0], edge: parts[1], region: parts[2] };
  return undefined;
}
