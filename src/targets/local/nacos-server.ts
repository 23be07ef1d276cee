// One region's Nacos 2.5.0 server, assembled from Maven Central by scripts/install.sh:
// standalone with embedded Derby, its own nacos.home, every port (8848 HTTP, 9848/9849
// gRPC, 7848 JRaft) on the region's loopback address through the bind shim.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess, type StartedProcess } from '../../core/process.js';
import { waitFor } from '../../core/ready.js';
import { serverUp } from '../../registry/nacos-http.js';
import { nacosName } from '../../topology/names.js';
import type { LocalContext } from './run-context.js';

export interface NacosProps {
  readonly region: string;
  readonly address: string;
  readonly port: number;
  /** @default 90000: a cold JVM on 2 busy cores */
  readonly readyTimeoutMs?: number;
}

export interface StartedNacos {
  readonly address: string;
  readonly process: StartedProcess;
  stop(): Promise<void>;
}

export async function startNacos(ctx: LocalContext, props: NacosProps): Promise<StartedNacos> {
  const name = nacosName(props.region);
  const home = join(ctx.stateDir, name);
  mkdirSync(join(home, 'conf'), { recursive: true });
  writeFileSync(
    join(home, 'conf', 'application.properties'),
    [
      'server.servlet.contextPath=/nacos',
      `server.port=${props.port}`,
      'nacos.core.auth.enabled=false',
      'nacos.core.auth.system.type=nacos',
      'nacos.istio.mcp.server.enabled=false',
      'management.metrics.export.elastic.enabled=false',
      'management.metrics.export.influx.enabled=false',
      'server.tomcat.accesslog.enabled=false',
      '',
    ].join('\n'),
  );
  const n = ctx.tools.nacos;
  const started = Date.now();
  ctx.log({ kind: 'start', component: name, detail: `Nacos ${n.version} on ${props.address}:${props.port}` });
  const proc = startProcess({
    name,
    runId: ctx.runId,
    command: ctx.tools.java.path,
    args: [
      '-Xms128m', '-Xmx384m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1',
      // Nacos 2.5 on Java 17 (alibaba/nacos#12498): hessian and JRaft reflect into java.base
      '--add-opens', 'java.base/java.lang=ALL-UNNAMED',
      '--add-opens', 'java.base/java.lang.reflect=ALL-UNNAMED',
      '--add-opens', 'java.base/java.util=ALL-UNNAMED',
      '-Djava.net.preferIPv4Stack=true',
      '-Dnacos.standalone=true',
      `-Dnacos.home=${home}`,
      `-Dnacos.server.ip=${props.address}`,
      '-cp', readFileSync(join(n.home, 'classpath.txt'), 'utf8').trim(),
      n.mainClass,
      `--spring.config.additional-location=file:${join(home, 'conf')}/`,
      `--server.address=${props.address}`,
      `--server.port=${props.port}`,
    ],
    env: { ...process.env, LD_PRELOAD: ctx.tools.bindShim.path, REGION_LAB_BIND_ADDR: props.address },
    logFile: join(ctx.logDir, `${name}.log`),
    pidDir: ctx.pidDir,
    graceMs: 3000,
  });
  ctx.cleanup.push(name, () => proc.stop());
  ctx.log({ kind: 'wait', what: `${name} to report UP` });
  await waitFor(async () => ((await serverUp({ address: `${props.address}:${props.port}`, timeoutMs: 2000 })) ? true : undefined), {
    what: name,
    timeoutMs: props.readyTimeoutMs ?? 90_000,
    intervalMs: 500,
    logFile: proc.logFile,
    signal: ctx.signal,
    abort: () => (proc.exitInfo() ? `the JVM exited (${JSON.stringify(proc.exitInfo())})` : undefined),
  });
  ctx.log({ kind: 'ready', component: name, ms: Date.now() - started });
  return { address: `${props.address}:${props.port}`, process: proc, stop: () => proc.stop() };
}
