import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentDeliveryError } from './mail';
import { createSmsProvider } from './sms';

/** A real HTTP server on loopback playing the SMS provider: it answers with the status the test sets. */
const received: { headers: IncomingHttpHeaders; body: unknown }[] = [];
let answer = 202;
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  request.on('end', () => {
    received.push({ headers: request.headers, body: JSON.parse(body) });
    response.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
  });
});
let url: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/messages`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the HTTP SMS provider (SMS_PROVIDER_URL, SMS_PROVIDER_TOKEN)', () => {
  const message = {
    to: '+34 600 000 001',
    text: 'Quay Clinic: su cita está reservada',
    reference: 'abc-123',
  };

  it('posts JSON with the bearer token and the reference as Idempotency-Key', async () => {
    const provider = createSmsProvider({ url, token: 'secret-token', log: () => undefined });
    expect(provider.name).toBe('http');
    await provider.send(message);
    expect(received.at(-1)!.body).toEqual(message);
    expect(received.at(-1)!.headers).toMatchObject({
      authorization: 'Bearer secret-token',
      'idempotency-key': 'abc-123',
      'content-type': 'application/json',
    });
  });

  it('a 429 or 5xx is passing (retried with backoff); another refusal is permanent', async () => {
    const provider = createSmsProvider({ url, token: undefined, log: () => undefined });
    for (const status of [429, 503]) {
      answer = status;
      const error = await provider.send(message).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    }
    answer = 400;
    await expect(provider.send(message)).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect(received.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('without SMS_PROVIDER_URL texts go to the log', async () => {
    const lines: string[] = [];
    const provider = createSmsProvider({ url: undefined, token: undefined, log: (l) => lines.push(l) });
    await provider.send(message);
    expect(provider.name).toBe('log');
    expect(lines).toEqual([
      expect.stringContaining('to +34 600 000 001: Quay Clinic: su cita está reservada'),
    ]);
  });
});
