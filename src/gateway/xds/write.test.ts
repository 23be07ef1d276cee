// Pins the writer: DiscoveryResponse files with "@type", only changed files
// rewritten, Istio's push order (new EDS, CDS, stale EDS removed, other EDS, new
// RDS, LDS, other RDS), atomic renames, and a reused version refused.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureSnapshot, type FixtureProps } from '../../../test/support/xds-fixtures.js';
import { xdsFiles } from './files.js';
import { writeXdsSnapshot } from './write.js';

const root = mkdtempSync(join(tmpdir(), 'rl-xds-write-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const base = (dir: string, version: string, clusters: FixtureProps['clusters'], extra: Partial<FixtureProps> = {}) =>
  fixtureSnapshot({ dir, version, listen: { address: '127.0.60.1', port: 8080 }, clusters, ...extra });
const a = [{ address: '127.0.60.11', port: 8080 }];
const b = [{ address: '127.0.60.12', port: 8080 }];
const kinds = (w: ReturnType<typeof writeXdsSnapshot>) => w.written.map((f) => `${f.kind}:${f.names.join(',')}`);

describe.each([
  ['the previous snapshot', true],
  ['the files on disk', false],
])('writeXdsSnapshot comparing with %s', (_what, withPrevious) => {
  it('GIVEN an empty dir WHEN a snapshot is written THEN every file is a DiscoveryResponse with @type, EDS before CDS, RDS before LDS for a new route', () => {
    const dir = join(root, `d${n++}`);
    const w = writeXdsSnapshot(dir, base(dir, 'v1', { 'outbound|80||a': a }));
    expect(kinds(w)).toEqual(['eds:outbound|80||a', 'cds:outbound|80||a', 'rds:http.8080', 'lds:127.0.60.1_8080']);
    const cds = JSON.parse(readFileSync(xdsFiles(dir).cds, 'utf8'));
    expect(cds.version_info).toBe('v1');
    expect(cds.resources[0]['@type']).toBe('type.googleapis.com/envoy.config.cluster.v3.Cluster');
    const eds = JSON.parse(readFileSync(xdsFiles(dir).eds('outbound|80||a'), 'utf8'));
    expect(eds.resources).toHaveLength(1);
    expect(eds.resources[0]['@type']).toBe('type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('GIVEN a written snapshot WHEN the next changes only endpoints THEN only that EDS file is rewritten', () => {
    const dir = join(root, `d${n++}`);
    const v1 = base(dir, 'v1', { 'outbound|80||a': a });
    writeXdsSnapshot(dir, v1);
    const w = writeXdsSnapshot(dir, base(dir, 'v2', { 'outbound|80||a': b }), withPrevious ? v1 : undefined);
    expect(kinds(w)).toEqual(['eds:outbound|80||a']);
    expect(JSON.parse(readFileSync(xdsFiles(dir).lds, 'utf8')).version_info).toBe('v1');
  });

  it('GIVEN a written snapshot WHEN the same content comes with a new version THEN nothing is written', () => {
    const dir = join(root, `d${n++}`);
    const v1 = base(dir, 'v1', { 'outbound|80||a': a });
    writeXdsSnapshot(dir, v1);
    expect(writeXdsSnapshot(dir, base(dir, 'v2', { 'outbound|80||a': a }), withPrevious ? v1 : undefined).written).toEqual([]);
  });

  it('GIVEN cluster a WHEN the route moves to a new cluster b and a leaves THEN b EDS, CDS, a EDS removed, then RDS last', () => {
    const dir = join(root, `d${n++}`);
    const v1 = base(dir, 'v1', { 'outbound|80||a': a });
    writeXdsSnapshot(dir, v1);
    const w = writeXdsSnapshot(dir, base(dir, 'v2', { 'outbound|80||b': b }), withPrevious ? v1 : undefined);
    expect(kinds(w)).toEqual(['eds:outbound|80||b', 'cds:outbound|80||b', 'rds:http.8080']);
    expect(w.removed).toEqual([xdsFiles(dir).eds('outbound|80||a')]);
    expect(existsSync(xdsFiles(dir).eds('outbound|80||a'))).toBe(false);
  });

  it('GIVEN a listener with route http.8080 WHEN it changes to route r2 THEN r2 is written before LDS and http.8080 removed after', () => {
    const dir = join(root, `d${n++}`);
    const v1 = base(dir, 'v1', { c: a });
    writeXdsSnapshot(dir, v1);
    const w = writeXdsSnapshot(dir, base(dir, 'v2', { c: a }, { routeConfigName: 'r2' }), withPrevious ? v1 : undefined);
    expect(kinds(w)).toEqual(['rds:r2', 'lds:127.0.60.1_8080']);
    expect(w.removed).toEqual([xdsFiles(dir).rds('http.8080')]);
  });

  it('GIVEN an existing cluster whose endpoints change WHEN a new cluster is added and routed to THEN new EDS, CDS, changed EDS, RDS', () => {
    const dir = join(root, `d${n++}`);
    const v1 = base(dir, 'v1', { c: a });
    writeXdsSnapshot(dir, v1);
    const w = writeXdsSnapshot(dir, base(dir, 'v2', { c: b, d: a }, { routeTo: 'd' }), withPrevious ? v1 : undefined);
    expect(kinds(w)).toEqual(['eds:d', 'cds:c,d', 'eds:c', 'rds:http.8080']);
  });

  it('GIVEN a written snapshot WHEN a changed file would keep its version THEN it refuses before writing anything', () => {
    const dir = join(root, `d${n++}`);
    const v1 = base(dir, 'v1', { c: a });
    writeXdsSnapshot(dir, v1);
    expect(() => writeXdsSnapshot(dir, base(dir, 'v1', { c: b }), withPrevious ? v1 : undefined)).toThrow(/keeps version v1/);
    expect(JSON.parse(readFileSync(xdsFiles(dir).eds('c'), 'utf8')).resources[0].endpoints[0].lb_endpoints[0].endpoint.address.socket_address.address).toBe('127.0.60.11');
  });
});

describe('writeXdsSnapshot boundary checks', () => {
  it('GIVEN a CLA for no EDS cluster and an EDS cluster without CLA WHEN written THEN it names both and writes nothing', () => {
    const dir = join(root, `d${n++}`);
    const s = base(dir, 'v1', { c: a });
    const bad = { ...s, loadAssignments: [{ cluster_name: 'ghost', endpoints: [] }] };
    expect(() => writeXdsSnapshot(dir, bad)).toThrow(/loadAssignments\.0\.cluster_name: no cluster of type EDS named ghost.*clusters\.0\.name: EDS cluster c has no load assignment/);
    expect(existsSync(xdsFiles(dir).lds)).toBe(false);
  });

  it('GIVEN a file edited on disk WHEN the same snapshot is written comparing with disk THEN that file is restored', () => {
    const dir = join(root, `d${n++}`);
    writeXdsSnapshot(dir, base(dir, 'v1', { c: a }));
    writeFileSync(xdsFiles(dir).cds, '{ broken');
    expect(kinds(writeXdsSnapshot(dir, base(dir, 'v2', { c: a })))).toEqual(['cds:c']);
  });
});
