// Scenario: the local target starts a business instance with a config its schema
// refuses (here: a port written as a string). The real child (dist/business/main.js)
// names the field and exits; the parent fails the start at once with a ChildConfigError
// naming the component and the field, not a 30-second readiness timeout.
import { describe, expect, it } from 'vitest';
import { ChildConfigError } from '../../src/core/errors.js';
import { startNodeComponent } from '../../src/targets/local/node-component.js';
import { harness } from '../support/harness.js';

describe('a child that refuses its config', () => {
  it('GIVEN a business config with a wrong field WHEN the local target starts it THEN the start fails within seconds naming the instance and the field', async () => {
    const h = harness('child-config');
    const started = Date.now();
    try {
      const err = await startNodeComponent(h, {
        name: 'user-service-south-1',
        entry: 'business/main.js',
        config: {
          app: 'user-service',
          nacosService: 'user-service-south',
          region: 'south',
          cluster: 'biz-south',
          instance: 'user-service-south-1',
          listen: { host: '127.0.100.101', port: '19001' },
          admin: { host: '127.0.100.101', port: 29001 },
          nacos: { address: '127.0.100.1:28100' },
          metadata: {},
        },
        readyWhat: 'user-service-south-1 to register',
        ready: async () => undefined,
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ChildConfigError);
      expect((err as ChildConfigError).component).toBe('user-service-south-1');
      expect((err as ChildConfigError).problems.map((p) => p.path)).toEqual(['listen.port']);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await h.teardown();
    }
  }, 30_000);
});
