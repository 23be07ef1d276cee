// The one thin wrapper through which the kind target runs kind, kubectl, helm and
// docker (cdk8s's _child_process.ts idea): tests stand in fake binaries by handing a
// runner a PATH, and every failure becomes a typed error that says what to do.
import { execa } from 'execa';
import { CommandFailedError, MissingPrerequisiteError } from '../../core/errors.js';

export type Tool = 'kind' | 'kubectl' | 'helm' | 'docker';

export interface ToolCall {
  readonly input?: string;
  /** @default 15 minutes (a helm install with --wait on a cold laptop) */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** Runs a tool and resolves to its trimmed stdout; throws CommandFailedError or MissingPrerequisiteError. */
export type ToolRunner = (tool: Tool, args: readonly string[], call?: ToolCall) => Promise<string>;

const INSTALL_HINT: Record<Tool, string> = {
  kind: 'install kind v0.32.0: go install sigs.k8s.io/kind@v0.32.0 (docs/kind.md)',
  kubectl: 'install kubectl (https://kubernetes.io/docs/tasks/tools/) and put it on PATH',
  helm: 'install helm 3 (https://helm.sh/docs/intro/install/) and put it on PATH',
  docker: 'install Docker (Docker Desktop, or docker-ce on Linux) and make sure `docker info` works as this user',
};

export interface ToolRunnerProps {
  /** Environment of every call; tests put a directory of fake binaries first on PATH. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

export function createToolRunner(props: ToolRunnerProps = {}): ToolRunner {
  return async (tool, args, call = {}) => {
    const r = await execa(tool, [...args], {
      reject: false,
      env: props.env ?? process.env,
      extendEnv: false,
      ...(call.input === undefined ? { stdin: 'ignore' as const } : { input: call.input }),
      timeout: call.timeoutMs ?? 15 * 60_000,
      ...(call.signal ? { cancelSignal: call.signal } : {}),
      stripFinalNewline: true,
    });
    if (!r.failed) return String(r.stdout).trim();
    if (r.code === 'ENOENT') throw new MissingPrerequisiteError(`${tool} is not installed or not on PATH`, INSTALL_HINT[tool]);
    const tail = String(r.stderr || r.stdout).trimEnd().split('\n').slice(-15).join('\n');
    const how = r.timedOut ? 'timed out' : undefined;
    throw new CommandFailedError(`${tool} ${args.join(' ')}`, r.exitCode ?? null, r.signal ?? (how ? 'timeout' : null), tail);
  };
}

export function installHint(tool: Tool): string {
  return INSTALL_HINT[tool];
}
