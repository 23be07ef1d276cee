// Pins the nftables text of a kernel black hole: the run's table, drop rules per
// direction tagged with their timeline entry, the refusal of anything but loopback,
// and the readers of nft's listings (captured from nft 1.0.6, Debian 12).
import { describe, expect, it } from 'vitest';
import { identityOf } from '../../core/pid-file.js';
import { ownerAlive } from './nft-sweep.js';
import { createTableScript, deleteRulesScript, dropRulesScript, handlesTagged, regionLabTables, tableName, tableOwnerOf } from './nft-rules.js';

// `nft -j -a list table inet region-lab-r1` with two rules of entry "cut" and one of "other"
const LISTING = JSON.stringify({
  nftables: [
    { metainfo: { version: '1.0.6', release_name: 'Lester Gooch #5', json_schema_version: 1 } },
    { table: { family: 'inet', name: 'region-lab-r1', handle: 1 } },
    { chain: { family: 'inet', table: 'region-lab-r1', name: 'output', handle: 1, type: 'filter', hook: 'output', prio: 0, policy: 'accept' } },
    { rule: { family: 'inet', table: 'region-lab-r1', chain: 'output', handle: 2, comment: 'cut upstream', expr: [] } },
    { rule: { family: 'inet', table: 'region-lab-r1', chain: 'output', handle: 3, comment: 'cut downstream', expr: [] } },
    { rule: { family: 'inet', table: 'region-lab-r1', chain: 'output', handle: 4, comment: 'other upstream', expr: [] } },
    { rule: { family: 'inet', table: 'region-lab-r1', chain: 'output', handle: 5, comment: 'cut-2 upstream', expr: [] } },
  ],
});

describe('nftables text of a black hole', () => {
  it('GIVEN a run id THEN the table is region-lab-<run id>, and an id nft cannot name is refused', () => {
    expect(tableName('20261124-235959-ab12')).toBe('region-lab-20261124-235959-ab12');
    expect(() => tableName('a b;flush ruleset')).toThrow(/cannot name an nftables table/);
  });

  it('GIVEN a table WHEN created THEN it has one output chain accepting by default and names its owner pid', () => {
    const s = createTableScript('region-lab-r1', 'r1', { pid: 4242, startTicks: 987654 });
    expect(s).toContain('table inet region-lab-r1 {');
    expect(s).toContain('chain output { type filter hook output priority 0; policy accept; }');
    expect(tableOwnerOf(s)).toEqual({ pid: 4242, startTicks: 987654 });
  });

  it('GIVEN direction both THEN traffic to the listener and from it is dropped, each rule tagged with the entry', () => {
    expect(dropRulesScript('region-lab-r1', 'cut', [{ address: '127.0.0.1', port: 40123 }], 'both').trim().split('\n')).toEqual([
      'add rule inet region-lab-r1 output ip daddr 127.0.0.1 tcp dport 40123 drop comment "cut upstream"',
      'add rule inet region-lab-r1 output ip saddr 127.0.0.1 tcp sport 40123 drop comment "cut downstream"',
    ]);
  });

  it('GIVEN one direction THEN only that direction is dropped', () => {
    const targets = [{ address: '127.0.70.1', port: 18080 }, { address: '127.0.0.1', port: 28100 }];
    const up = dropRulesScript('t', 'e', targets, 'upstream');
    expect(up.match(/daddr/g)).toHaveLength(2);
    expect(up).not.toContain('saddr');
    const down = dropRulesScript('t', 'e', targets, 'downstream');
    expect(down).toContain('ip saddr 127.0.70.1 tcp sport 18080 drop comment "e downstream"');
    expect(down).not.toContain('daddr');
  });

  it('GIVEN an address outside 127.0.0.0/8, a bad port or a tag that is no entry id THEN nothing is written', () => {
    expect(() => dropRulesScript('t', 'e', [{ address: '10.0.0.1', port: 80 }], 'both')).toThrow(/not a loopback address/);
    expect(() => dropRulesScript('t', 'e', [{ address: '127.0.0.1', port: 0 }], 'both')).toThrow(/not a TCP port/);
    expect(() => dropRulesScript('t', 'e"; flush ruleset; "', [{ address: '127.0.0.1', port: 80 }], 'both')).toThrow(/timeline entry id/);
    expect(dropRulesScript('t', 'e', [], 'both')).toBe('');
  });

  it('GIVEN a listing WHEN healing entry "cut" THEN exactly its rules are found, not those of "other" or "cut-2"', () => {
    expect(handlesTagged(LISTING, 'cut')).toEqual([2, 3]);
    expect(deleteRulesScript('region-lab-r1', [2, 3])).toBe('delete rule inet region-lab-r1 output handle 2\ndelete rule inet region-lab-r1 output handle 3\n');
    expect(handlesTagged(LISTING, 'gone')).toEqual([]);
  });

  it('GIVEN the list of every table THEN only region-lab inet tables are ours', () => {
    const tables = JSON.stringify({ nftables: [{ metainfo: {} }, { table: { family: 'inet', name: 'region-lab-r1', handle: 1 } }, { table: { family: 'ip', name: 'region-lab-r2', handle: 2 } }, { table: { family: 'inet', name: 'firewalld', handle: 3 } }] });
    expect(regionLabTables(tables)).toEqual(['region-lab-r1']);
    expect(() => regionLabTables('{"tables":[]}')).toThrow(/unexpected `nft -j list tables` output/);
  });

  it('GIVEN a table listing without region-lab comment THEN no owner is claimed', () => {
    expect(tableOwnerOf('table inet region-lab-x { # handle 3\n\tchain output { }\n}')).toBeUndefined();
    expect(tableOwnerOf('table inet region-lab-r1 {\n\tcomment "region-lab run r1 pid 17"\n}')).toEqual({ pid: 17 });
  });

  it('GIVEN an owner pid now reused by another program (other start time) THEN the table is not kept alive by it', () => {
    const me = identityOf(process.pid)!;
    expect(ownerAlive({ pid: process.pid, startTicks: me.startTicks })).toBe(true);
    expect(ownerAlive({ pid: process.pid, startTicks: me.startTicks + 1 })).toBe(false);
    expect(ownerAlive({ pid: process.pid })).toBe(true);
    expect(ownerAlive({ pid: 4_194_305 })).toBe(false); // above Linux PID_MAX_LIMIT: never a process
  });
});
