// Fixed vectors for the hand-written Payload codec. The encode vectors were checked
// against protobufjs with nacos_grpc_service.proto's field numbers; the decode vector
// is a ServerCheckResponse captured from a real Nacos 2.5.0.
import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload } from './proto.js';

const hex = (b: Buffer) => b.toString('hex');

describe('Nacos gRPC Payload codec', () => {
  it('encodes metadata (type 3, headers map 7, clientIp 8) and Any.value (2) in field order', () => {
    const bytes = encodePayload({ type: 'A', clientIp: '1', headers: { k: 'v' }, body: Buffer.from('{}') });
    // 12 0e: metadata(2), 14 bytes: 1a 01 'A' | 3a 06 [0a 01 'k' 12 01 'v'] | 42 01 '1'; 1a 04: body(3): 12 02 '{}'
    expect(hex(bytes)).toBe('120e1a01413a060a016b1201764201311a0412027b7d');
  });

  it('writes lengths past 127 as multi-byte varints and leaves empty strings out (proto3)', () => {
    const bytes = encodePayload({ type: 'HealthCheckRequest', clientIp: '', headers: {}, body: Buffer.from('x'.repeat(200)) });
    // body 200 = c8 01, Any 203 = cb 01; no 42 00 for the empty clientIp
    expect(hex(bytes.subarray(0, 29))).toBe('12141a124865616c7468436865636b526571756573741acb0112c80178');
    expect(bytes.length).toBe(2 + 20 + 3 + 3 + 200);
  });

  it('encodes the ServerCheckRequest nacos-sdk-go would send', () => {
    const bytes = encodePayload({ type: 'ServerCheckRequest', clientIp: '127.0.0.1', headers: {}, body: Buffer.from('{}') });
    expect(hex(bytes)).toBe('121f1a12536572766572436865636b5265717565737442093132372e302e302e311a0412027b7d');
  });

  it('decodes a ServerCheckResponse as Nacos 2.5.0 sent it', () => {
    const wire = Buffer.from(
      '12151a13536572766572436865636b526573706f6e73651a8101127f7b22726573756c74436f6465223a3230302c226572726f72436f6465223a302c22636f6e6e656374696f6e4964223a22313739353536363737383833355f3132372e302e302e315f3334333038222c22737570706f72744162696c6974794e65676f74696174696f6e223a747275652c2273756363657373223a747275657d',
      'hex',
    );
    const p = decodePayload(wire);
    expect(p.type).toBe('ServerCheckResponse');
    expect(p.clientIp).toBe('');
    expect(JSON.parse(p.body.toString('utf8'))).toEqual({ resultCode: 200, errorCode: 0, connectionId: '1795566778835_127.0.0.1_34308', supportAbilityNegotiation: true, success: true });
  });

  it('round-trips headers and skips unknown fields of every wire type', () => {
    const p = { type: 'NotifySubscriberRequest', clientIp: '127.0.31.10', headers: { a: '1', 'b-c': 'é' }, body: Buffer.from('{"requestId":"7"}') };
    // unknown fields appended: 9 varint (48 96 01), 10 fixed64, 11 fixed32, 12 bytes
    const extra = Buffer.from('4896015100000000000000005d000000006202ffff', 'hex');
    expect(decodePayload(Buffer.concat([encodePayload(p), extra]))).toEqual(p);
  });

  it('refuses truncated input rather than reading past the end', () => {
    expect(() => decodePayload(Buffer.from('12ff', 'hex'))).toThrow(/truncated/);
  });
});
