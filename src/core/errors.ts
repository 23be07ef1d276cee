// Typed errors with a stable code, a hint a user can act on, and the exit code
// DESIGN.md assigns (2 bad input or missing prerequisite, 3 the testbed itself failed).

export type ErrorCode =
  | 'BAD_INPUT'
  | 'MISSING_PREREQUISITE'
  | 'PROVISIONING_FAILED'
  | 'READINESS_TIMEOUT'
  | 'COMMAND_FAILED'
  | 'INTERRUPTED'
  | 'MODEL_UNSUPPORTED_CONFIG'
  | 'XDS_REJECTED'
  | 'COMPONENT_DIED'
  | 'BAD_CHILD_CONFIG'
  | 'INTERNAL';

export class RegionLabError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, opts: { hint?: string; cause?: unknown; exitCode?: number } = {}) {
    super(message, { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? 3;
  }
}

/** One problem in an input file: where it is and what would be valid. */
export interface InputProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

/** Bad input: every problem found, not only the first (cdk8s-style validation). */
export class BadInputError extends RegionLabError {
  readonly problems: readonly InputProblem[];
  constructor(problems: readonly InputProblem[], hint?: string) {
    const lines = problems.map((p) => `  ${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.message}`);
    super('BAD_INPUT', `invalid input (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`, {
      exitCode: 2,
      ...(hint === undefined ? {} : { hint }),
    });
    this.problems = problems;
  }
}

export class MissingPrerequisiteError extends RegionLabError {
  constructor(what: string, hint: string, cause?: unknown) {
    super('MISSING_PREREQUISITE', `missing prerequisite: ${what}`, { hint, cause, exitCode: 2 });
  }
}

export class ProvisioningError extends RegionLabError {
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super('PROVISIONING_FAILED', message, opts);
  }
}

export class ReadinessTimeoutError extends RegionLabError {
  constructor(what: string, timeoutMs: number, lastProblem?: string, logFile?: string) {
    super(
      'READINESS_TIMEOUT',
      `${what} was not ready after ${(timeoutMs / 1000).toFixed(0)} s${lastProblem ? ` (last check: ${lastProblem})` : ''}`,
      { hint: logFile ? `read its log: ${logFile}` : 'rerun with --verbose for details' },
    );
  }
}

export class CommandFailedError extends RegionLabError {
  readonly command: string;
  readonly exitStatus: number | null;
  readonly stderrTail: string;
  constructor(command: string, exitStatus: number | null, signal: string | null, stderrTail: string, hint?: string) {
    const how = signal ? `was killed by ${signal}` : `exited with code ${exitStatus}`;
    super('COMMAND_FAILED', `${command} ${how}${stderrTail ? `\n--- last lines of its output ---\n${stderrTail}` : ''}`, {
      ...(hint === undefined ? {} : { hint }),
    });
    this.command = command;
    this.exitStatus = exitStatus;
    this.stderrTail = stderrTail;
  }
}

/** One xDS file a real Envoy did not apply. */
export interface RejectedXdsFile {
  readonly kind: string;
  readonly path: string;
  readonly names: readonly string[];
  readonly version: string;
}

/**
 * A real Envoy rejected config region-lab wrote (a translation bug, so a testbed
 * failure, exit 3). The message carries Envoy's own reason from its log; the last
 * good config keeps serving meanwhile.
 */
export class XdsRejectedError extends RegionLabError {
  readonly gateway: string;
  readonly rejected: readonly RejectedXdsFile[];
  readonly reasons: readonly string[];
  constructor(gateway: string, rejected: readonly RejectedXdsFile[], reasons: readonly string[], logFile: string) {
    const what = rejected.map((r) => `${r.kind} ${r.names.join(', ') || '(no resources)'} version ${r.version} (${r.path})`).join('; ');
    const why = reasons.length > 0 ? reasons.map((r) => `  ${r}`).join('\n') : '  (no reason found in its log)';
    super('XDS_REJECTED', `Envoy ${gateway} rejected the config region-lab wrote: ${what}\nEnvoy says:\n${why}`, {
      hint: `the previous config keeps serving; Envoy's log: ${logFile}. This is a bug in region-lab's translation: please report it with the files named above`,
    });
    this.gateway = gateway;
    this.rejected = rejected;
    this.reasons = reasons;
  }
}

/** A component of the run exited although no fault asked for it (the supervisor saw it). */
export class ComponentDiedError extends RegionLabError {
  readonly component: string;
  readonly logTail: string;
  constructor(component: string, exit: { code: number | null; signal: string | null }, logTail: string, logFile?: string) {
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    super('COMPONENT_DIED', `${component} ${how} while no fault asked for it${logTail ? `\n--- last lines of its log ---\n${logTail}` : ''}`, {
      hint: logFile ? `read its log: ${logFile}` : 'rerun with --verbose for details',
    });
    this.component = component;
    this.logTail = logTail;
  }
}

/** A child process refused the config its parent wrote (core/child-config.ts): a testbed bug, named by field. */
export class ChildConfigError extends RegionLabError {
  readonly component: string;
  readonly problems: readonly InputProblem[];
  constructor(component: string, problems: readonly InputProblem[]) {
    const lines = problems.map((p) => `  ${p.path || '(the whole config)'}: ${p.message}`);
    super('BAD_CHILD_CONFIG', `${component} refused its config ${problems[0]?.file ?? ''}:\n${lines.join('\n')}`, {
      hint: 'the config is written by region-lab from the topology: report it with the topology file and this message',
    });
    this.component = component;
    this.problems = problems;
  }
}

export class InterruptedError extends RegionLabError {
  constructor(signal: string) {
    super('INTERRUPTED', `interrupted by ${signal}`, { exitCode: 130 });
  }
}

/** Renders an error for a terminal: message, hint, and the stack only when asked. */
export function formatError(err: unknown, verbose = false): string {
  if (err instanceof RegionLabError) {
    const parts = [`error: ${err.message}`];
    if (err.hint) parts.push(`hint: ${err.hint}`);
    if (verbose && err.stack) parts.push(err.stack);
    if (verbose && err.cause) parts.push(`cause: ${String((err.cause as Error).stack ?? err.cause)}`);
    return parts.join('\n');
  }
  const e = err as Error;
  return `error: the testbed failed unexpectedly: ${e?.message ?? String(err)}${verbose && e?.stack ? `\n${e.stack}` : '\n(rerun with --verbose for the stack)'}`;
}

export function exitCodeOf(err: unknown): number {
  return err instanceof RegionLabError ? err.exitCode : 3;
}
