import { describe, expect, it } from 'vitest';
import { gatewayPolicyFrom } from '../policy.js';

describe('transport settings of the gateway policy', () => {
  it('keep introspection and the playground on in development and off in production unless enabled', () => {
    expect(gatewayPolicyFrom({})).toMatchObject({
      introspection: true,
      playground: true,
      corsOrigins: [],
      metrics: { port: undefined, host: '127.0.0.1', token: undefined },
    });
    expect(gatewayPolicyFrom({ NODE_ENV: 'production' })).toMatchObject({ introspection: false, playground: false });
    expect(gatewayPolicyFrom({ NODE_ENV: 'production', INTROSPECTION: 'true' })).toMatchObject({ introspection: true, playground: false });
    expect(gatewayPolicyFrom({ PLAYGROUND: 'false' })).toMatchObject({ introspection: true, playground: false });
  });

  it('reads CORS_ORIGINS as a list of origins and refuses anything else at start', () => {
    expect(gatewayPolicyFrom({ CORS_ORIGINS: ' http://localhost:5173 ,https://app.example:8443,' }).corsOrigins).toEqual([
      'http://localhost:5173',
      'https://app.example:8443',
    ]);
    expect(() => gatewayPolicyFrom({ CORS_ORIGINS: 'http://localhost:5173/app' })).toThrow(/origins/);
    expect(() => gatewayPolicyFrom({ CORS_ORIGINS: '*' })).toThrow(/origins/);
  });

  it('refuses a metrics token short enough to guess', () => {
    expect(() => gatewayPolicyFrom({ METRICS_TOKEN: 'short' })).toThrow(/32/);
  });
});
