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
