// Public face of region-lab lint: lint files or in-memory text, the rules, the formats.
export { lintPaths, lintSources, hasErrors, type LintOptions } from './lint.js';
export { runLintCommand, LINT_USAGE, type LintCommandOptions } from './command.js';
export { RULES } from './rules/index.js';
export { formatText } from './format/text.js';
export { formatJson } from './format/json.js';
export { formatSarif } from './format/sarif.js';
export type { Finding, Rule, Severity } from './types.js';
