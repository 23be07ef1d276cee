// Reads a YAML input file and parses it with a zod schema, turning every problem
// (YAML syntax with line and column, or schema issues with their field path) into
// one BadInputError that names the file, the field and what would be valid.
import { readFileSync } from 'node:fs';
import { parseAllDocuments, parseDocument, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { BadInputError, type InputProblem } from './errors.js';

export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

export function zodProblems(file: string, error: z.ZodError): InputProblem[] {
  return error.issues.flatMap((i) =>
    // an unknown key is named at its own path, so the user sees which line to delete
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ file, path: issuePath([...i.path, k]), message: `unknown field "${k}": remove it or check its spelling (see docs/scenarios.md)` }))
      : [{ file, path: issuePath(i.path), message: i.message }],
  );
}

export function readYamlText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new BadInputError([{ file, path: '', message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? e})` }]);
  }
}

/** Parses one YAML document; syntax errors carry line and column. */
export function parseYaml(file: string, text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) throw new BadInputError(doc.errors.map((e) => yamlProblem(file, e)));
  return toJs(file, doc);
}

/**
 * A document's value. The yaml library refuses to expand aliases past a limit (an
 * "alias bomb": nine levels of nine aliases are a billion nodes) by throwing; that is
 * the file's fault, so it is bad input naming the file, not the testbed failing.
 */
function toJs(file: string, doc: { toJS(): unknown }): unknown {
  try {
    return doc.toJS();
  } catch (e) {
    if (e instanceof ReferenceError || /alias/i.test((e as Error).message)) {
      throw new BadInputError([{ file, path: '', message: `${(e as Error).message}: its aliases (*name) expand to too much; write the values out instead` }]);
    }
    throw e;
  }
}

/** Parses a multi-document YAML stream (Kubernetes manifests). */
export function parseYamlDocuments(file: string, text: string): unknown[] {
  const docs = parseAllDocuments(text, { prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const problems = list.flatMap((d) => d.errors.map((e) => yamlProblem(file, e)));
  if (problems.length > 0) throw new BadInputError(problems);
  return list.map((d) => toJs(file, d)).filter((v) => v !== null && v !== undefined);
}

function yamlProblem(file: string, e: YAMLParseError): InputProblem {
  const pos = e.linePos?.[0];
  return { file: pos ? `${file}:${pos.line}:${pos.col}` : file, path: '', message: e.message.split('\n')[0] ?? e.message };
}

export function loadYamlFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const raw = parseYaml(file, readYamlText(file));
  const r = schema.safeParse(raw);
  if (!r.success) throw new BadInputError(zodProblems(file, r.error));
  return r.data;
}
