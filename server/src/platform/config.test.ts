import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { createMailer } from './mail';

describe('loadConfig: the demo clinic', () => {
  it.each([
    [{}, true],
    [{ PUBLIC_URL: 'http://clinic.local:3000' }, true],
    [{ PUBLIC_URL: 'https://clinic.example' }, false],
    [{ PUBLIC_URL: 'https://clinic.example', SEED_DEMO: 'true' }, true],
    [{ SEED_DEMO: 'false' }, false],
  ])('%o seeds the demo: %s', (env, seeds) => {
    expect(loadConfig(env).seedDemo).toBe(seeds);
  });
});

describe('photo store', () => {
  it('is a folder under DATA_DIR by default', () => {
    expect(loadConfig({ DATA_DIR: '/srv/np/' }).photoStore).toEqual({
      kind: 'folder',
      dir: '/srv/np/photos',
    });
    expect(loadConfig({ PHOTO_DIR: '/mnt/photos' }).photoStore).toEqual({
      kind: 'folder',
      dir: '/mnt/photos',
    });
  });

  it('is an S3-compatible bucket by configuration', () => {
    expect(
      loadConfig({
        PHOTO_STORE: 's3',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_BUCKET: 'clinic-photos',
        S3_ACCESS_KEY_ID: 'key',
        S3_SECRET_ACCESS_KEY: 'secret',
      }).photoStore,
    ).toEqual({
      kind: 's3',
      bucket: 'clinic-photos',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
    });
  });

  it.each([
    [{ PHOTO_STORE: 's3' }, /S3_BUCKET is required/],
    [
      { PHOTO_STORE: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' },
      /both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/,
    ],
    [{ PHOTO_STORE: 'ftp' }, /PHOTO_STORE/],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('createMailer without SMTP', () => {
  const message = {
    to: 'ann@example.test',
    subject: 'Your portal',
    text: 'Hello Ann, your link: /x?token=abc',
  };

  it('logs only the recipient and subject', async () => {
    const lines: string[] = [];
    await createMailer({ smtpUrl: undefined, from: 'c', log: (l) => lines.push(l) }).send(message);
    expect(lines.join('\n')).toContain('ann@example.test: Your portal');
    expect(lines.join('\n')).not.toContain('Hello Ann');
    expect(lines.join('\n')).not.toContain('token=abc');
  });

  it('logs the body when the development mail catcher is on', async () => {
    const lines: string[] = [];
    await createMailer({ smtpUrl: undefined, from: 'c', log: (l) => lines.push(l), logBodies: true }).send(
      message,
    );
    expect(lines.join('\n')).toContain('Hello Ann');
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    [{}, false],
    [{ TRUST_PROXY: '' }, false],
    [{ TRUST_PROXY: '1' }, 1],
    [{ TRUST_PROXY: '127.0.0.1' }, ['127.0.0.1']],
    [{ TRUST_PROXY: '10.0.0.0/8, 192.168.1.10,::1' }, ['10.0.0.0/8', '192.168.1.10', '::1']],
    [{ TRUST_PROXY: 'fd00::/8' }, ['fd00::/8']],
  ])('%o trusts %o', (env, trusted) => {
    expect(loadConfig(env).trustProxy).toEqual(trusted);
  });

  it.each(['true', 'proxy.local', '10.0.0.0/33', '10.0.0.1/', '1.2.3'])('refuses %s', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });
});
