// Reading Envoy JSON strictly: every field the model is given must be one it knows,
// so a config the model would silently mis-serve (a field real Envoy applies and the
// model does not) is refused with the resource and the field named.
import { RegionLabError } from '../../../../core/errors.js';

export class UnsupportedConfigError extends RegionLabError {
  constructor(where: string, detail: string) {
    super('MODEL_UNSUPPORTED_CONFIG', `the region-lab model cannot serve ${where}: ${detail}`, {
      hint: 'run this configuration on the Envoy data plane (--data-plane envoy), or teach the model the field (src/gateway/data-plane/model/xds/)',
    });
  }
}

/** One JSON object being read: `get` what you use, then `done()` refuses the rest. */
export class Fields {
  private readonly seen = new Set<string>();
  constructor(
    private readonly obj: Readonly<Record<string, unknown>>,
    readonly where: string,
  ) {
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new UnsupportedConfigError(where, 'expected an object');
  }

  static of(v: unknown, where: string): Fields {
    return new Fields(v as Record<string, unknown>, where);
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined;
  }

  get(key: string): unknown {
    this.seen.add(key);
    return this.obj[key];
  }

  /** A sub-object (undefined when absent). */
  sub(key: string): Fields | undefined {
    const v = this.get(key);
    return v === undefined ? undefined : Fields.of(v, `${this.where}.${key}`);
  }

  list(key: string): unknown[] {
    const v = this.get(key);
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw new UnsupportedConfigError(this.where, `${key} is not a list`);
    return v;
  }

  str(key: string): string | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new UnsupportedConfigError(this.where, `${key} is not a string`);
    return v;
  }

  num(key: string): number | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    const n = typeof v === 'string' ? Number(v) : v; // proto3 JSON writes 64-bit integers as strings
    if (typeof n !== 'number' || Number.isNaN(n)) throw new UnsupportedConfigError(this.where, `${key} is not a number`);
    return n;
  }

  /** Marks fields the model reads but does not need (they change nothing it emulates). */
  ignore(...keys: string[]): this {
    for (const k of keys) this.seen.add(k);
    return this;
  }

  done(): void {
    const rest = Object.keys(this.obj).filter((k) => !this.seen.has(k) && this.obj[k] !== undefined);
    if (rest.length > 0) throw new UnsupportedConfigError(this.where, `unknown field${rest.length > 1 ? 's' : ''} ${rest.join(', ')}`);
  }
}
