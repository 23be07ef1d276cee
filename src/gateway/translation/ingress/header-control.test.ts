// higress.io/request- and response-header-control-*: parsed as header_control.go does
// (its TestHeaderControlParse table, restated) and written into the Envoy route as
// Istio's TranslateHeadersOperations writes it.
import { describe, expect, it } from 'vitest';
import { parseHeaderControl } from './header-control.js';
import { translateHeaderOperations } from '../header-operations.js';
import { loadManifests } from '../manifests.js';
import { profileFor } from '../../profiles.js';
import { KubeServices } from '../services.js';
import { ingressYaml } from '../../../../test/support/gateway-kit.js';
import { routesOf, snapshotOf } from '../../../../test/support/snapshot-kit.js';

const entries = (m: ReadonlyMap<string, string> | undefined) => [...(m ?? [])];

describe('parsing (header_control.go)', () => {
  it('GIVEN add lines with spaces and quotes THEN name and value split at the first space run, each unquoted once; a later line for a name wins; a line without value is skipped', () => {
    const c = parseHeaderControl({ 'higress.io/request-header-control-add': 'one 1\n  two   "2 and 2"  \n\'three\' \'3\'\nlonely\none 11\n' });
    expect(entries(c?.request?.add)).toEqual([['one', '11'], ['two', '2 and 2'], ['three', '3']]);
  });

  it('GIVEN update and remove (a comma list, blanks dropped) on request and response THEN set and remove on each side', () => {
    const c = parseHeaderControl({ 'higress.io/request-header-control-update': 'stage pro', 'higress.io/request-header-control-remove': 'stage, ,canary', 'higress.io/response-header-control-remove': 'x-a' });
    expect(entries(c?.request?.set)).toEqual([['stage', 'pro']]);
    expect(c?.request?.remove).toEqual(['stage', 'canary']);
    expect(c?.response).toEqual({ remove: ['x-a'] });
  });

  it('GIVEN the nginx prefix or empty values THEN no header control', () => {
    expect(parseHeaderControl({ 'nginx.ingress.kubernetes.io/request-header-control-add': 'a b' })).toBeUndefined();
    expect(parseHeaderControl({ 'higress.io/request-header-control-add': '', 'higress.io/response-header-control-remove': ' , ' })).toBeUndefined();
  });
});

describe('TranslateHeadersOperations', () => {
  it('GIVEN set and add with a host and pseudo-headers THEN each list sorted by name, internal names dropped, the request host becomes the authority (set over add)', () => {
    const t = translateHeaderOperations({ add: new Map([['z', '1'], ['a', '2'], ['host', 'added.example']]), set: new Map([[':authority', 'set.example'], ['m', '3']]), remove: ['x', ':path', 'Host'] }, { add: new Map([['host', 'ignored']]) });
    expect(t.request).toEqual({ set: [{ name: 'm', value: '3' }], add: [{ name: 'a', value: '2' }, { name: 'z', value: '1' }], remove: ['x'] });
    expect(t.authority).toBe('set.example');
    expect(t.response).toBeUndefined();
  });
});

describe('in the Envoy route', () => {
  const load = (ann: Record<string, string>) => loadManifests([{ file: 'i.yaml', text: ingressYaml('h', ann) }], profileFor('2.1'), { ingressClass: '', services: new KubeServices() });

  it('GIVEN request add/update/remove and response add THEN request_headers_to_add (set OVERWRITE, then add APPEND), request_headers_to_remove, response_headers_to_add', () => {
    const r = routesOf(snapshotOf(load({ 'higress.io/request-header-control-add': 'b 2', 'higress.io/request-header-control-update': 'a 1', 'higress.io/request-header-control-remove': 'c', 'higress.io/response-header-control-add': 'stage test' })))[0]!;
    expect(r.request_headers_to_add).toEqual([
      { header: { key: 'a', value: '1' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' },
      { header: { key: 'b', value: '2' }, append_action: 'APPEND_IF_EXISTS_OR_ADD' },
    ]);
    expect(r.request_headers_to_remove).toEqual(['c']);
    expect(r.response_headers_to_add).toEqual([{ header: { key: 'stage', value: 'test' }, append_action: 'APPEND_IF_EXISTS_OR_ADD' }]);
  });

  it('GIVEN request-header-control-update host THEN host_rewrite_literal, unless upstream-vhost names the authority', () => {
    expect(routesOf(snapshotOf(load({ 'higress.io/request-header-control-update': 'host inner.example' })))[0]!.route.host_rewrite_literal).toBe('inner.example');
    expect(routesOf(snapshotOf(load({ 'higress.io/request-header-control-update': 'host inner.example', 'higress.io/upstream-vhost': 'vhost.example' })))[0]!.route.host_rewrite_literal).toBe('vhost.example');
  });
});
