// The two protobuf messages Nacos 2.x's gRPC protocol uses, encoded and decoded by
// hand so the client needs no proto-loader. Field numbers from nacos_grpc_service.proto
// (alibaba/nacos api/src/main/proto, same in nacos-sdk-go api/proto):
//   Metadata { string type = 3; string clientIp = 8; map<string,string> headers = 7; }
//   Payload  { Metadata metadata = 2; google.protobuf.Any body = 3; }
//   Any      { string type_url = 1; bytes value = 2; }   (value = the JSON of the request)

export interface Payload {
  /** Java simple class name of the body, e.g. "InstanceRequest". */
  readonly type: string;
  readonly clientIp: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Any.value: UTF-8 JSON of the request or response object. */
  readonly body: Buffer;
}

const LEN = 2; // wire type of strings, bytes and sub-messages

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128); // not >>> 7: lengths may pass 2^31 in theory, and the division stays exact
  }
  out.push(n);
  return Buffer.from(out);
}

function field(no: number, bytes: Buffer): Buffer {
  return Buffer.concat([varint((no << 3) | LEN), varint(bytes.length), bytes]);
}

/** proto3 leaves default (empty) scalars out; sub-messages are written even when empty. */
function stringField(no: number, s: string): Buffer {
  return s === '' ? Buffer.alloc(0) : field(no, Buffer.from(s, 'utf8'));
}

export function encodePayload(p: Payload): Buffer {
  const headers = Object.entries(p.headers).map(([k, v]) => field(7, Buffer.concat([stringField(1, k), stringField(2, v)])));
  // protoc writes fields in number order: type(3), headers(7), clientIp(8)
  const metadata = Buffer.concat([stringField(3, p.type), ...headers, stringField(8, p.clientIp)]);
  // the SDKs leave Any.type_url empty: the type travels in metadata.type
  const any = p.body.length === 0 ? Buffer.alloc(0) : field(2, p.body);
  return Buffer.concat([field(2, metadata), field(3, any)]);
}

/** Field number → every LEN value with that number, in order; other wire types are skipped. */
function readFields(buf: Buffer): Map<number, Buffer[]> {
  const out = new Map<number, Buffer[]>();
  let pos = 0;
  const readVarint = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      if (pos >= buf.length) throw new Error('protobuf: truncated varint');
      const b = buf[pos++]!;
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
  };
  while (pos < buf.length) {
    const key = readVarint();
    const no = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) readVarint();
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === LEN) {
      const len = readVarint();
      if (pos + len > buf.length) throw new Error('protobuf: truncated field');
      const list = out.get(no) ?? [];
      list.push(buf.subarray(pos, pos + len));
      out.set(no, list);
      pos += len;
    } else throw new Error(`protobuf: unsupported wire type ${wire}`);
  }
  return out;
}

/** proto3: the last occurrence of a singular field wins. */
const last = (m: Map<number, Buffer[]>, no: number): Buffer | undefined => m.get(no)?.at(-1);
const str = (m: Map<number, Buffer[]>, no: number): string => last(m, no)?.toString('utf8') ?? '';

export function decodePayload(buf: Buffer): Payload {
  const top = readFields(buf);
  const meta = readFields(last(top, 2) ?? Buffer.alloc(0));
  const any = readFields(last(top, 3) ?? Buffer.alloc(0));
  const headers: Record<string, string> = {};
  for (const entry of meta.get(7) ?? []) {
    const e = readFields(entry);
    headers[str(e, 1)] = str(e, 2);
  }
  return { type: str(meta, 3), clientIp: str(meta, 8), headers, body: Buffer.from(last(any, 2) ?? Buffer.alloc(0)) };
}
