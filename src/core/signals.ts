// Ctrl-C handling as vitest does it: the first SIGINT/SIGTERM cancels the run (which
// still tears down in order and writes what it measured), a second one forces exit.
export interface Interrupts {
  readonly signal: AbortSignal;
  readonly received: () => string | undefined;
  dispose(): void;
}

export function watchInterrupts(onForce: () => void, write: (s: string) => void = (s) => process.stderr.write(s)): Interrupts {
  const controller = new AbortController();
  let got: string | undefined;
  const handler = (sig: NodeJS.Signals) => {
    if (got) {
      write(`\n${sig} again: forcing exit\n`);
      onForce();
      return;
    }
    got = sig;
    write(`\n${sig}: stopping the run, tearing down and writing what was measured (press Ctrl-C again to force)\n`);
    controller.abort(new Error(sig));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    received: () => got,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
