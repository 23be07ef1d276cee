// Reading Ingress annotations the way Higress's parser.go does: *ASAP keys try
// `nginx.ingress.kubernetes.io/<k>` first, then `higress.io/<k>`; *ForHigress keys
// are read only under `higress.io/`. Also lists the annotations Higress ignores.

export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';
export const HIGRESS_PREFIX = 'higress.io/';

export class Annotations {
  constructor(private readonly raw: Readonly<Record<string, string>>) {}

  /** ParseStringASAP: nginx prefix first, then higress. */
  asap(key: string): string | undefined {
    return this.raw[NGINX_PREFIX + key] ?? this.raw[HIGRESS_PREFIX + key];
  }

  /** ParseStringForHigress: only the higress.io/ prefix counts. */
  higress(key: string): string | undefined {
    return this.raw[HIGRESS_PREFIX + key];
  }

  /** ParseBoolASAP: Go strconv.ParseBool; anything unparsable is false. */
  asapBool(key: string): boolean {
    return parseBool(this.asap(key));
  }

  /** ParseIntASAP / ForHigress: an unparsable value is treated as absent. */
  asapInt(key: string): number | undefined {
    return parseIntStrict(this.asap(key));
  }

  higressInt(key: string): number | undefined {
    return parseIntStrict(this.higress(key));
  }

  hasAsap(key: string): boolean {
    return this.asap(key) !== undefined;
  }

  /** Every key as written, for "ignored" reporting. */
  keys(): string[] {
    return Object.keys(this.raw);
  }
}

export function parseBool(v: string | undefined): boolean {
  return v === '1' || v === 't' || v === 'T' || v === 'true' || v === 'TRUE' || v === 'True';
}

function parseIntStrict(v: string | undefined): number | undefined {
  if (v === undefined || !/^\s*-?\d+\s*$/.test(v)) return undefined;
  return Number(v.trim());
}

/**
 * Annotations of the runbook that Higress has no parser for (facts B11): they are
 * silently ignored by Higress; region-lab reports each as a manifest-ignored event.
 */
export const IGNORED_ANNOTATIONS: Readonly<Record<string, string>> = {
  'auth-type': 'basic auth annotations were removed in Higress 2.0 (auth.go only logs an error); use the basic-auth Wasm plugin',
  'auth-secret': 'basic auth annotations were removed in Higress 2.0 (auth.go only logs an error); use the basic-auth Wasm plugin',
  'auth-secret-type': 'basic auth annotations were removed in Higress 2.0 (auth.go only logs an error); use the basic-auth Wasm plugin',
  'auth-realm': 'basic auth annotations were removed in Higress 2.0 (auth.go only logs an error); use the basic-auth Wasm plugin',
  'limit-rps': 'nginx limit-rps has no Higress parser; use higress.io/route-limit-rps',
  'limit-rpm': 'nginx limit-rpm has no Higress parser; use higress.io/route-limit-rpm',
  'limit-connections': 'no Higress parser',
  'proxy-connect-timeout': 'no Higress parser; use higress.io/timeout',
  'proxy-read-timeout': 'no Higress parser; use higress.io/timeout',
  'proxy-send-timeout': 'no Higress parser; use higress.io/timeout',
  'mirror-target': 'the nginx name has no Higress parser; use mirror-target-service',
  'affinity-mode': 'only "balanced" exists in Higress (persistent is not supported); the value is not read',
  'denylist-source-range': 'no Higress parser',
  'configuration-snippet': 'no Higress parser',
  'server-snippet': 'no Higress parser',
};

