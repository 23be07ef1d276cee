// Test helper: docs/summary.schema.json compiled once (ajv, JSON Schema 2020-12), so
// every test that writes a summary can hold it to the documented contract.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

let validate: ValidateFunction | undefined;

export function summaryValidator(): ValidateFunction {
  if (validate) return validate;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // ajv-formats is not a dependency: the one format the schema uses, checked by Date
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)));
  validate = ajv.compile(JSON.parse(readFileSync('docs/summary.schema.json', 'utf8')));
  return validate;
}
