// Progress output as a typed union of events with one formatter per kind, so long
// steps say what is starting and what is being waited for (zx's log.ts idea).

export type LogEvent =
  | { kind: 'step'; message: string }
  | { kind: 'start'; component: string; detail?: string }
  | { kind: 'wait'; what: string }
  | { kind: 'ready'; component: string; ms: number }
  | { kind: 'stop'; component: string }
  | { kind: 'fault'; action: 'apply' | 'heal'; description: string; atS: number }
  | { kind: 'warn'; message: string }
  | { kind: 'info'; message: string };

export type Logger = (e: LogEvent) => void;

export function formatLogEvent(e: LogEvent): string {
  switch (e.kind) {
    case 'step':
      return `==> ${e.message}`;
    case 'start':
      return `    starting ${e.component}${e.detail ? ` (${e.detail})` : ''}`;
    case 'wait':
      return `    waiting for ${e.what}`;
    case 'ready':
      return `    ${e.component} ready in ${(e.ms / 1000).toFixed(1)} s`;
    case 'stop':
      return `    stopped ${e.component}`;
    case 'fault':
      return `    [t=${e.atS.toFixed(1)}s] fault ${e.action === 'apply' ? 'applied' : 'healed'}: ${e.description}`;
    case 'warn':
      return `warning: ${e.message}`;
    case 'info':
      return `    ${e.message}`;
  }
}

/**
 * The one status line a terminal shows under the log (the live line during the load):
 * log lines are written above it, and it is drawn again below them. Off a terminal
 * (CI) there is no such line: callers print plain lines instead.
 */
let status: { stream: NodeJS.WritableStream; text: string } | undefined;

export function setStatusLine(stream: NodeJS.WritableStream, text: string | undefined): void {
  if (text === undefined) {
    if (status) status.stream.write('\r\x1b[K');
    status = undefined;
    return;
  }
  status = { stream, text };
  stream.write(`\r\x1b[K${text}`);
}

export function consoleLogger(stream: NodeJS.WritableStream = process.stderr): Logger {
  return (e) => {
    const shown = status?.stream === stream ? status.text : undefined;
    stream.write(`${shown !== undefined ? '\r\x1b[K' : ''}${formatLogEvent(e)}\n${shown ?? ''}`);
  };
}

export const silentLogger: Logger = () => {};
