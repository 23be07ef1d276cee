// Region words in names: families of names that differ by one token, and which split wins.
import { describe, expect, it } from 'vitest';
import { looksLikeRegion, regionFamilies, regionIn, regionsOf } from './region-words.js';

describe('regionFamilies', () => {
  it('GIVEN orders-south / orders-north WHEN split THEN one family orders with regions south, north', () => {
    const f = regionFamilies(['orders-south', 'orders-north']);
    expect(f).toHaveLength(1);
    expect(f[0]!.base).toBe('orders');
    expect(Object.fromEntries(f[0]!.members)).toEqual({ south: 'orders-south', north: 'orders-north' });
  });

  it('GIVEN two services in two regions WHEN the names could split either way THEN the region words win, not the service names', () => {
    const names = ['orders-south', 'payments-south', 'orders-north', 'payments-north'];
    const f = regionFamilies(names);
    expect(f.map((x) => x.base).sort()).toEqual(['orders', 'payments']);
    expect(regionsOf(f, names)).toEqual(['south', 'north']);
  });

  it('GIVEN region codes that are no English word (sh / bj) and a prefix position THEN they are still the region words', () => {
    expect(regionsOf(regionFamilies(['inventory-sh', 'inventory-bj']), ['inventory-sh', 'inventory-bj'])).toEqual(['sh', 'bj']);
    const f = regionFamilies(['east.cart.svc', 'west.cart.svc']);
    expect(f[0]!.pattern).toBe('{region}.cart.svc');
  });

  it('GIVEN names that share nothing but length THEN no family', () => {
    expect(regionFamilies(['storefront', 'checkout'])).toEqual([]);
    expect(regionFamilies(['a-b-c', 'x-y-z'])).toEqual([]);
  });

  it('looksLikeRegion and regionIn', () => {
    expect(looksLikeRegion('cn-east'.split('-')[1]!)).toBe(true);
    expect(looksLikeRegion('orders')).toBe(false);
    expect(regionIn('overlays/south/ingress', ['south', 'north'])).toBe('south');
    expect(regionIn('south-to-north', ['south', 'north'])).toBeUndefined();
  });
});
