// The lint vocabulary: a rule (id, severity, why, source, fix), the manifests and
// shell blocks it reads, and the finding it reports at a file:line.
import type { Document, LineCounter } from 'yaml';
import type { HigressProfile } from '../gateway/profiles.js';
import type { FieldPath } from '../schemas/index.js';

export type Severity = 'error' | 'warning' | 'info';

/** One YAML document of a linted file. */
export interface Manifest {
  readonly file: string;
  /** 0-based position of the document in its file. */
  readonly index: number;
  readonly doc: Document;
  /** toJS() of the document. */
  readonly value: Record<string, unknown>;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly lineCounter: LineCounter;
  /** The whole file's lines, for comments next to a field. */
  readonly lines: readonly string[];
}

/** A shell file (`helm install … --set k=v`), read by the Helm values rule. */
export interface ShellFile {
  readonly file: string;
  readonly lines: readonly string[];
}

export interface LintContext {
  readonly profile: HigressProfile;
  /** Every manifest being linted, for rules that look across documents (Services, base Ingresses). */
  readonly manifests: readonly Manifest[];
  /** Every shell file being linted (helm commands), for values other rules need. */
  readonly shells: readonly ShellFile[];
}

/** What a rule reports; the engine adds file, line, rule id and default severity. */
export interface Hit {
  /** Field the finding is about (its line is reported); or an explicit line. */
  readonly path?: FieldPath;
  readonly line?: number;
  readonly message: string;
  readonly severity?: Severity;
  readonly fix?: string;
}

export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  /** What the real system does, in one paragraph. */
  readonly explanation: string;
  /** Where that behaviour was read (source file, docs), for docs/lint.md. */
  readonly source: string;
  readonly fix: string;
  checkManifest?(m: Manifest, ctx: LintContext): Hit[];
  checkShell?(s: ShellFile, ctx: LintContext): Hit[];
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly fix: string;
  /** Field path, when the finding is about a field. */
  readonly field?: string;
}
