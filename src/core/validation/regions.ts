/**
 * Twilio regions and the edge locations twilio-cli pairs with them. A client needs both to reach
 * a region (`api.<edge>.<region>.twilio.com`); an empty region means the default, us1.
 */
import * as l10n from '@vscode/l10n';

export interface Region {
  id: string;
  /** For pickers: country and the edge's city, in the display language (read when shown). */
  readonly label: string;
  /** The edge twilio-cli uses for this region. */
  defaultEdge: string;
}

export const DEFAULT_REGION = 'us1';

export const REGIONS: readonly Region[] = [
  { id: 'us1', get label() { return l10n.t('United States, Ashburn'); }, defaultEdge: 'ashburn' },
  { id: 'us2', get label() { return l10n.t('United States, Umatilla'); }, defaultEdge: 'umatilla' },
  { id: 'ie1', get label() { return l10n.t('Ireland, Dublin'); }, defaultEdge: 'dublin' },
  { id: 'de1', get label() { return l10n.t('Germany, Frankfurt'); }, defaultEdge: 'frankfurt' },
  { id: 'au1', get label() { return l10n.t('Australia, Sydney'); }, defaultEdge: 'sydney' },
  { id: 'jp1', get label() { return l10n.t('Japan, Tokyo'); }, defaultEdge: 'tokyo' },
  { id: 'jp2', get label() { return l10n.t('Japan, Osaka'); }, defaultEdge: 'osaka' },
  { id: 'sg1', get label() { return l10n.t('Singapore'); }, defaultEdge: 'singapore' },
  { id: 'br1', get label() { return l10n.t('Brazil, São Paulo'); }, defaultEdge: 'sao-paulo' },
];

export const EDGES: readonly string[] = REGIONS.map((r) => r.defaultEdge);

export function findRegion(id: string | undefined): Region | undefined {
  return REGIONS.find((r) => r.id === (id || DEFAULT_REGION));
}

/** The edge to pair with a region (the region's own edge); undefined for an unknown region. */
export function defaultEdgeFor(region: string | undefined): string | undefined {
  return findRegion(region)?.defaultEdge;
}

function oneOf(value: string, known: readonly string[], what: 'region' | 'edge'): string | undefined {
  if (value === '' || known.includes(value)) return undefined;
  const lower = value.trim().toLowerCase();
  if (known.includes(lower)) {
    return what === 'region'
      ? l10n.t('Write the region in lowercase without blanks: {0}.', lower)
      : l10n.t('Write the edge in lowercase without blanks: {0}.', lower);
  }
  return what === 'region'
    ? l10n.t('Unknown region. Known regions: {0}.', known.join(', '))
    : l10n.t('Unknown edge. Known edges: {0}.', known.join(', '));
}

/** Empty means the default region (us1). */
export function validateRegion(value: string): string | undefined {
  return oneOf(value, REGIONS.map((r) => r.id), 'region');
}

/** Empty means the region's default edge. */
export function validateEdge(value: string): string | undefined {
  // Stryker disable next-line StringLiteral: oneOf tells 'region' apart, and any other word means an edge
  return oneOf(value, EDGES, 'edge');
}
