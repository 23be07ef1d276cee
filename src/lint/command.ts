// `region-lab lint PATH... [--format text|json|sarif] [--higress 2.1|2.2]`: exit 1 when
// an error is found, 0 otherwise, 2 on unreadable input or a bad option.
import { BadInputError } from '../core/errors.js';
import type { HigressProfileName } from '../gateway/profiles.js';
import { formatJson } from './format/json.js';
import { formatSarif } from './format/sarif.js';
import { formatText } from './format/text.js';
import { hasErrors, lintPaths } from './lint.js';
import { RULES } from './rules/index.js';

export const LINT_USAGE = 'region-lab lint PATH... [--format text|json|sarif] [--higress 2.1|2.2]';

export interface LintCommandOptions {
  readonly paths: readonly string[];
  readonly format?: string;
  readonly higress?: string;
  readonly version: string;
  readonly write: (text: string) => void;
}

export function runLintCommand(o: LintCommandOptions): number {
  const format = o.format ?? 'text';
  const higress = o.higress ?? '2.2';
  const bad: string[] = [];
  if (o.paths.length === 0) bad.push('give at least one YAML file or directory');
  if (!['text', 'json', 'sarif'].includes(format)) bad.push(`--format "${format}" is not text, json or sarif`);
  if (higress !== '2.1' && higress !== '2.2') bad.push(`--higress "${higress}" is not 2.1 or 2.2`);
  if (bad.length > 0) throw new BadInputError(bad.map((message) => ({ file: 'lint', path: '', message })), `usage: ${LINT_USAGE}`);
  const findings = lintPaths(o.paths, { higress: higress as HigressProfileName });
  if (format === 'json') o.write(formatJson(findings, higress));
  else if (format === 'sarif') o.write(formatSarif(findings, RULES, o.version));
  else o.write(formatText(findings));
  return hasErrors(findings) ? 1 : 0;
}
