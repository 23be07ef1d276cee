// Entry point of one gateway process: `node dist/gateway/data-plane/model/main.js <config.json>`.
// Bad input → stderr and exit 2; SIGTERM/SIGINT → stop accepting, flush events,
// exit 0 within 2 s.
import { exitCodeOf, formatError } from '../../../core/errors.js';
import { loadGatewayConfig } from './config.js';
import { startGateway } from './gateway.js';

const SHUTDOWN_DEADLINE_MS = 2000;

async function main(argv: readonly string[]): Promise<void> {
  const file = argv[2];
  if (!file || argv.length > 3) {
    process.stderr.write('usage: node dist/gateway/data-plane/model/main.js <config.json>\n');
    process.exit(2);
  }
  const config = loadGatewayConfig(file);
  const gateway = await startGateway(config, { drainMs: 1000 });
  process.stderr.write(`gateway ${config.name} (Higress ${config.higress}) listening on ${config.listen.host}:${gateway.addresses.listen.port}\n`);
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`gateway ${config.name}: ${signal}, stopping\n`);
    setTimeout(() => process.exit(0), SHUTDOWN_DEADLINE_MS).unref();
    void gateway.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

main(process.argv).catch((e: unknown) => {
  process.stderr.write(`${formatError(e, process.env.REGION_LAB_VERBOSE === '1')}\n`);
  process.exit(exitCodeOf(e) === 3 ? 3 : 2);
});
