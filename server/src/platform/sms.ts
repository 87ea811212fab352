import { PermanentDeliveryError } from './mail';

export interface SmsMessage {
  to: string;
  text: string;
  /** The message's own id: a provider that deduplicates on it never sends a retry twice. */
  reference: string;
}

/** Text messages go through a provider behind this interface (ADR 028). */
export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<void>;
}

/** Development: writes each text to the log instead of sending it. */
export function logSmsProvider(log: (line: string) => void): SmsProvider {
  return {
    name: 'log',
    async send(message) {
      log(`[sms not sent: SMS_PROVIDER_URL is not set] to ${message.to}: ${message.text}`);
    },
  };
}

/**
 * A real provider reached over HTTP: `POST SMS_PROVIDER_URL` with JSON `{ to, text, reference }`, the bearer token
 * SMS_PROVIDER_TOKEN and an `Idempotency-Key` header (the reference). 2xx is sent; 429 and 5xx are retried with
 * backoff; any other answer is a permanent refusal.
 */
export function httpSmsProvider(options: { url: string; token: string | undefined }): SmsProvider {
  return {
    name: 'http',
    async send(message) {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': message.reference,
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(15_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return;
      const reason = `SMS provider answered ${response.status}`;
      if (response.status === 429 || response.status >= 500) throw new Error(reason);
      throw new PermanentDeliveryError(reason);
    },
  };
}

export function createSmsProvider(options: {
  url: string | undefined;
  token: string | undefined;
  log: (line: string) => void;
}): SmsProvider {
  return options.url
    ? httpSmsProvider({ url: options.url, token: options.token })
    : logSmsProvider(options.log);
}
