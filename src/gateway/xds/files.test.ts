// Pins the file names of the xDS contract: fixed places for LDS/CDS, one safe and
// injective file per RDS/EDS resource name, and the ConfigSource pointing at one.
import { describe, expect, it } from 'vitest';
import { pathConfigSource, safeFileName, xdsFiles } from './files.js';

describe('xdsFiles', () => {
  it('GIVEN a dir WHEN asked THEN lds/cds are fixed and rds/eds are one file per name', () => {
    const f = xdsFiles('/x/gw');
    expect(f.lds).toBe('/x/gw/lds.json');
    expect(f.cds).toBe('/x/gw/cds.json');
    expect(f.rds('http.8080')).toBe('/x/gw/rds/http.8080.json');
    expect(f.eds('outbound|80||user-service-south.DEFAULT-GROUP.public.nacos')).toBe('/x/gw/eds/outbound%7C80%7C%7Cuser-service-south.DEFAULT-GROUP.public.nacos.json');
  });

  it('GIVEN a relative dir WHEN asked THEN the paths are absolute (Envoy resolves them against its own cwd)', () => {
    expect(xdsFiles('rel/dir').lds).toMatch(/^\/.*\/rel\/dir\/lds\.json$/);
  });
});

describe('safeFileName', () => {
  it('GIVEN names that differ only in escaped characters WHEN named THEN the files differ (injective)', () => {
    const names = ['a|b', 'a%7Cb', 'a_b', 'a:b', 'a/b', '../x', '.x', 'x.', 'ü', 'a b', 'a%b', 'a~b'];
    const files = names.map(safeFileName);
    expect(new Set(files).size).toBe(names.length);
    for (const f of files) {
      expect(f).toMatch(/^[A-Za-z0-9_%-][A-Za-z0-9_.%~-]*$/);
      expect(f).not.toContain('/');
    }
  });

  it('GIVEN a leading dot WHEN named THEN the file is not hidden and never . or ..', () => {
    expect(safeFileName('.')).toBe('%2E');
    expect(safeFileName('..')).toBe('%2E.');
  });

  it('GIVEN a name too long for a file WHEN named THEN it is cut with a hash that tells long names apart', () => {
    const a = safeFileName(`${'x'.repeat(300)}a`);
    const b = safeFileName(`${'x'.repeat(300)}b`);
    expect(a.length).toBeLessThanOrEqual(200);
    expect(a).toMatch(/~[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
  });

  it('GIVEN an empty name WHEN named THEN it throws', () => {
    expect(() => safeFileName('')).toThrow(/empty/);
  });
});

describe('pathConfigSource', () => {
  it('GIVEN a path WHEN built THEN it is a v3 path ConfigSource', () => {
    expect(pathConfigSource('/x/eds/a.json')).toEqual({ path_config_source: { path: '/x/eds/a.json' }, resource_api_version: 'V3' });
  });
});
