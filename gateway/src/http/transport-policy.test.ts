import { describe, expect, it } from 'vitest';
import { gatewayPolicyFrom } from '../policy.js';
import { webAppCsp } from '../web/serve-web-app.js';

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

  it('reads MEDIA_ORIGINS as named origins only, which the web app CSP then allows for uploads and images', () => {
    const policy = gatewayPolicyFrom({ MEDIA_ORIGINS: 'https://media.s3.eu-west-1.amazonaws.com, http://127.0.0.1:9000' });
    expect(policy.mediaOrigins).toEqual(['https://media.s3.eu-west-1.amazonaws.com', 'http://127.0.0.1:9000']);
    const csp = webAppCsp(policy.mediaOrigins);
    expect(csp).toContain("connect-src 'self' ws: wss: https://media.s3.eu-west-1.amazonaws.com http://127.0.0.1:9000;");
    expect(csp).toContain("img-src 'self' data: https://media.s3.eu-west-1.amazonaws.com http://127.0.0.1:9000;");
    expect(webAppCsp()).toContain("connect-src 'self' ws: wss:;");
    expect(() => gatewayPolicyFrom({ MEDIA_ORIGINS: 'https://*.amazonaws.com' })).toThrow(/origins/);
    expect(() => gatewayPolicyFrom({ MEDIA_ORIGINS: 'https://media.example/bucket' })).toThrow(/origins/);
  });

  it('refuses a metrics token short enough to guess', () => {
    expect(() => gatewayPolicyFrom({ METRICS_TOKEN: 'short' })).toThrow(/32/);
  });
});
