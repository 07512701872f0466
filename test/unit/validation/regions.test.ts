// Regions and edges offered when connecting an account.
import * as assert from 'node:assert/strict';
import { DEFAULT_REGION, defaultEdgeFor, EDGES, findRegion, REGIONS, validateEdge, validateRegion } from '../../../src/core/validation';

describe('regions', () => {
  it('pairs each region with the edge twilio-cli uses', () => {
    assert.deepEqual(
      Object.fromEntries(REGIONS.map((r) => [r.id, r.defaultEdge])),
      { au1: 'sydney', br1: 'sao-paulo', de1: 'frankfurt', ie1: 'dublin', jp1: 'tokyo', jp2: 'osaka', sg1: 'singapore', us1: 'ashburn', us2: 'umatilla' },
    );
  });

  it('lists us1, the default, first, and gives every region a distinct label', () => {
    assert.equal(REGIONS[0].id, DEFAULT_REGION);
    assert.equal(new Set(REGIONS.map((r) => r.label)).size, REGIONS.length);
    for (const r of REGIONS) assert.ok(!r.label.includes('('), 'labels are shown inside parentheses elsewhere');
  });

  it('shows each region by its country and city', () => {
    assert.deepEqual(
      REGIONS.map((r) => `${r.id}: ${r.label}`),
      [
        'us1: United States, Ashburn',
        'us2: United States, Umatilla',
        'ie1: Ireland, Dublin',
        'de1: Germany, Frankfurt',
        'au1: Australia, Sydney',
        'jp1: Japan, Tokyo',
        'jp2: Japan, Osaka',
        'sg1: Singapore',
        'br1: Brazil, São Paulo',
      ],
    );
  });

  it('treats an empty region as us1', () => {
    assert.equal(findRegion(undefined)?.id, 'us1');
    assert.equal(findRegion('')?.id, 'us1');
    assert.equal(defaultEdgeFor(''), 'ashburn');
    assert.equal(defaultEdgeFor('ie1'), 'dublin');
    assert.equal(defaultEdgeFor('xx9'), undefined);
  });

  it('validates region ids, accepting empty as the default', () => {
    assert.equal(validateRegion('ie1'), undefined);
    assert.equal(validateRegion(''), undefined);
    assert.equal(validateRegion('IE1'), 'Write the region in lowercase without blanks: ie1.');
    assert.equal(validateRegion('eu1'), 'Unknown region. Known regions: us1, us2, ie1, de1, au1, jp1, jp2, sg1, br1.');
  });

  it('validates edges', () => {
    assert.equal(EDGES.length, REGIONS.length);
    assert.equal(validateEdge('sao-paulo'), undefined);
    assert.equal(validateEdge(' Dublin'), 'Write the edge in lowercase without blanks: dublin.');
    assert.match(validateEdge('paris') ?? '', /^Unknown edge\. Known edges: ashburn, /);
  });
});
