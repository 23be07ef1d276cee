// Reads what `region-lab lint PATH...` is given: YAML files (multi-document) and
// directories (their *.yaml, *.yml and *.sh, sorted), into manifests with line
// information and shell files. Unreadable input is a BadInputError (exit 2).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { BadInputError, type InputProblem } from '../core/errors.js';
import type { Manifest, ShellFile } from './types.js';

export interface LoadedInput {
  readonly manifests: Manifest[];
  readonly shells: ShellFile[];
}

/** Text already in memory (tests, the benchmark) or read from a file. */
export interface SourceText {
  readonly file: string;
  readonly text: string;
}

const YAML_FILE = /\.ya?ml$/;

export function expandPaths(paths: readonly string[]): string[] {
  const problems: InputProblem[] = [];
  const files: string[] = [];
  for (const p of paths) {
    try {
      if (statSync(p).isDirectory()) {
        const names = readdirSync(p).filter((n) => YAML_FILE.test(n) || n.endsWith('.sh')).sort();
        files.push(...names.map((n) => join(p, n)));
      } else files.push(p);
    } catch (e) {
      problems.push({ file: p, path: '', message: `cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})` });
    }
  }
  if (problems.length > 0) throw new BadInputError(problems, 'give YAML files or directories that exist');
  return files;
}

export function readSources(files: readonly string[]): SourceText[] {
  return files.map((file) => {
    try {
      return { file, text: readFileSync(file, 'utf8') };
    } catch (e) {
      throw new BadInputError([{ file, path: '', message: `cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})` }]);
    }
  });
}

export function parseSources(sources: readonly SourceText[]): LoadedInput {
  const manifests: Manifest[] = [];
  const shells: ShellFile[] = [];
  const problems: InputProblem[] = [];
  for (const { file, text } of sources) {
    const lines = text.split('\n');
    if (file.endsWith('.sh')) {
      shells.push({ file, lines });
      continue;
    }
    const lineCounter = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter });
    const list = Array.isArray(docs) ? docs : [docs];
    list.forEach((doc, index) => {
      for (const e of doc.errors) {
        const pos = e.linePos?.[0];
        problems.push({ file: pos ? `${file}:${pos.line}:${pos.col}` : file, path: '', message: e.message.split('\n')[0] ?? e.message });
      }
      if (doc.errors.length > 0) return;
      const value = doc.toJS() as unknown;
      if (value === null || value === undefined) return; // a comment-only document
      const obj = (typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
      const meta = (obj.metadata ?? {}) as { name?: unknown; namespace?: unknown };
      manifests.push({
        file,
        index,
        doc,
        value: obj,
        apiVersion: typeof obj.apiVersion === 'string' ? obj.apiVersion : '',
        kind: typeof obj.kind === 'string' ? obj.kind : '',
        name: typeof meta.name === 'string' ? meta.name : '',
        namespace: typeof meta.namespace === 'string' ? meta.namespace : 'default',
        lineCounter,
        lines,
      });
    });
  }
  if (problems.length > 0) throw new BadInputError(problems, 'fix the YAML syntax first; lint reads only well-formed documents');
  return { manifests, shells };
}
