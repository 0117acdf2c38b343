import { signWebhook, verifyWebhook } from '../../src/notifications/webhook-signature';

describe('webhook signature', () => {
  const secret = 'bureau-secret';
  const timestamp = '1688522400';
  const body = '{"hello":"世界"}';
  // From `printf '%s' '1688522400.{"hello":"世界"}' | openssl dgst -sha256 -hmac bureau-secret`,
  // which is what a receiver in any language computes.
  const expected = 'sha256=a333293f4d7207ae25b01f4d8064c1e3f0f5ae3e8ae5f88cff371b23ae5f2f7f';

  it('is the hex HMAC-SHA256 of "<timestamp>.<body>" with the sha256= scheme', () => {
    expect(signWebhook(secret, timestamp, body)).toBe(expected);
  });

  it('verifies the right signature and refuses a changed body, timestamp, secret or malformed header', () => {
    expect(verifyWebhook(secret, timestamp, body, expected)).toBe(true);
    expect(verifyWebhook(secret, timestamp, body.replace('世界', 'world'), expected)).toBe(false);
    expect(verifyWebhook(secret, '1688522401', body, expected)).toBe(false);
    expect(verifyWebhook('other-secret', timestamp, body, expected)).toBe(false);
    expect(verifyWebhook(secret, timestamp, body, expected.slice(0, -2))).toBe(false);
    expect(verifyWebhook(secret, timestamp, body, expected.replace('sha256=', 'sha1='))).toBe(false);
    expect(verifyWebhook(secret, timestamp, body, undefined)).toBe(false);
  });
});
