// region-lab lint as a command: exit codes, the three formats, file:line placement.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BadInputError } from '../core/errors.js';
import { runLintCommand } from './command.js';

const dir = mkdtempSync(join(tmpdir(), 'region-lab-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

const bad = write(
  'bad.yaml',
  `# two documents: the McpBridge is fine, the route has a weight-0 backup
apiVersion: networking.higress.io/v1
kind: McpBridge
metadata:
  name: default
  namespace: higress-system
spec:
  registries: []
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: r
spec:
  parentRefs: [{ name: higress-gateway }]
  rules:
    - backendRefs:
        - { name: a, port: 8080, weight: 100 }
        - { name: b, port: 8080, weight: 0 }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: higress-gateway, namespace: default }
spec: { gatewayClassName: higress, listeners: [{ name: http, port: 80, protocol: HTTP }] }
`,
);
const good = write('good.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports: [{ port: 8080 }]\n');

function run(paths: string[], format?: string, higress?: string): { code: number; out: string } {
  let out = '';
  const code = runLintCommand({ paths, version: '0.0.0', write: (t) => (out += t), ...(format ? { format } : {}), ...(higress ? { higress } : {}) });
  return { code, out };
}

describe('region-lab lint', () => {
  it('GIVEN a file with an error WHEN linted as text THEN exit 1 and file:line points at the weight field', () => {
    const { code, out } = run([bad]);
    expect(code).toBe(1);
    expect(out).toContain(`${bad}:19:`);
    expect(out).toMatch(/error weight-zero-backend: .*\n    fix: /);
  });

  it('GIVEN a clean file WHEN linted THEN exit 0 and "no findings"', () => {
    expect(run([good])).toEqual({ code: 0, out: 'no findings\n' });
  });

  it('GIVEN a directory WHEN linted as JSON THEN every file in it is read and the summary counts errors', () => {
    const { code, out } = run([dir], 'json');
    const parsed = JSON.parse(out) as { higress: string; findings: { file: string; line: number; ruleId: string }[]; summary: { error: number } };
    expect(code).toBe(1);
    expect(parsed.higress).toBe('2.2');
    expect(parsed.summary.error).toBe(1);
    expect(parsed.findings[0]).toMatchObject({ file: bad, line: 19, ruleId: 'weight-zero-backend' });
  });

  it('GIVEN --format sarif WHEN linted THEN a SARIF 2.1.0 log with the rule and a physical location', () => {
    const log = JSON.parse(run([bad], 'sarif').out) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[];
    };
    expect(log.version).toBe('2.1.0');
    const [r] = log.runs[0]!.results;
    expect(r).toMatchObject({ ruleId: 'weight-zero-backend', level: 'error' });
    expect(log.runs[0]!.tool.driver.rules[r!.ruleIndex]?.id).toBe('weight-zero-backend');
    expect(r!.locations[0]!.physicalLocation.region.startLine).toBe(19);
  });

  it('GIVEN a path that does not exist WHEN linted THEN bad input (exit 2)', () => {
    expect(() => run([join(dir, 'missing.yaml')])).toThrow(BadInputError);
  });

  it('GIVEN broken YAML WHEN linted THEN bad input naming the line (exit 2)', () => {
    const broken = write('broken.yml', 'kind: [unclosed\n');
    try {
      run([broken]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BadInputError);
      expect((e as BadInputError).exitCode).toBe(2);
      expect((e as BadInputError).problems[0]?.file).toMatch(/broken\.yml:\d+:\d+/);
    }
    rmSync(broken);
  });

  it('GIVEN an unknown --format or --higress WHEN run THEN bad input', () => {
    expect(() => run([good], 'xml')).toThrow(/--format "xml"/);
    expect(() => run([good], 'text', '1.4')).toThrow(/--higress "1.4"/);
  });
});
