// The names home pins the spellings every part of region-lab relies on: reports,
// verdicts and logs written by older runs use exactly these strings.
import { describe, expect, it } from 'vitest';
import { bizCluster, endsAtNacos, gatewayName, instanceName, isGatewayName, isGatewayOf, linkName, mwCluster, nacosName, regionOfBizCluster } from './names.js';

describe('topology names', () => {
  it('GIVEN a region THEN its clusters and components are named as the runbook and the logs name them', () => {
    expect([mwCluster('south'), bizCluster('south'), nacosName('south'), gatewayName('south', 2), instanceName('user-service', 'north', 1)]).toEqual([
      'mw-south',
      'biz-south',
      'nacos-south',
      'gw-south-2',
      'user-service-north-1',
    ]);
  });

  it('GIVEN link ends THEN link names are the Toxiproxy proxy names the reports show', () => {
    expect(linkName.entry('south')).toBe('client_to_mw-south');
    expect(linkName.registration('north')).toBe('biz-north_to_nacos-north');
    expect(linkName.data('south', 'north', '127.0.2.101:19001')).toBe('mw-south_to_biz-north_127.0.2.101_19001');
    expect(linkName.discovery('south', 'north')).toBe('mw-south_to_nacos-north');
    expect(linkName.sync('south')).toBe('nacos-sync_to_nacos-south');
    expect(linkName.grpcTwin(linkName.sync('south'))).toBe('nacos-sync_to_nacos-south_grpc');
    expect([linkName.sync('south'), linkName.data('south', 'north', '127.0.2.101:19001')].map(endsAtNacos)).toEqual([true, false]);
  });

  it('GIVEN names read back THEN gateways are told apart from other sources and clusters give their region', () => {
    expect(['gw-south-1', 'gw-north-12', 'nacos-sync', 'gw-south', 'region-lab'].map(isGatewayName)).toEqual([true, true, false, false, false]);
    // a region named like the start of another must not count the other's gateways (retries)
    expect(['gw-south-1', 'gw-south-east-1', 'gw-south-east-1'].map((n, i) => isGatewayOf(i < 2 ? 'south' : 'south-east', n))).toEqual([true, false, true]);
    expect([regionOfBizCluster('biz-south'), regionOfBizCluster('mw-south'), regionOfBizCluster('biz-')]).toEqual(['south', undefined, undefined]);
  });
});
