// Converts a CRD's openAPIV3Schema into a JSON Schema that behaves like the API
// server's structural-schema checks: every object without
// x-kubernetes-preserve-unknown-fields gets additionalProperties: false (the server
// prunes unknown fields; kubectl's strict field validation refuses them), and the
// implicit apiVersion/kind/metadata are added at the top.

type Json = { [k: string]: unknown };

const INT_OR_STRING = { anyOf: [{ type: 'integer' }, { type: 'string' }] };

export function crdToJsonSchema(openApi: Json): Json {
  const root = convert(openApi);
  const props = (root.properties ?? {}) as Json;
  root.properties = {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    ...props,
  };
  if (root.additionalProperties === undefined) root.additionalProperties = false;
  return root;
}

function convert(node: Json): Json {
  if (node['x-kubernetes-int-or-string'] === true) return { ...INT_OR_STRING };
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('x-kubernetes-')) continue;
    // OpenAPI formats like int64 are advisory for the API server too
    if (k === 'format' || k === 'description' || k === 'nullable') continue;
    if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, convert(s as Json)]));
    else if (k === 'items' || (k === 'additionalProperties' && typeof v === 'object')) out[k] = convert(v as Json);
    else out[k] = v;
  }
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined && !preserve) out.additionalProperties = false;
  return out;
}
