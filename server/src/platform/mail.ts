import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The Message-ID header (with its angle brackets); a retry of the same message sends the same one. */
  messageId?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
  /** An RFC 5546 calendar part (text/calendar with its method): an invitation, its update or its cancellation. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  attachments?: { filename: string; content: string | Buffer; contentType: string }[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * A failure that retrying cannot fix (the SMTP server refused the address with a 5xx reply, a provider refused the
 * request): the message is marked failed at once instead of being retried with backoff.
 */
export class PermanentDeliveryError extends Error {}

/** Whether an error from nodemailer is a permanent refusal (SMTP 5xx) rather than a passing one (4xx, network). */
export function isPermanentMailFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** The domain of an address like `Clinic <no-reply@clinic.example>`, for the right-hand side of Message-IDs. */
export function mailDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'needlepoint.local';
}

/**
 * SMTP when SMTP_URL is set (e.g. smtp://user:pass@host:587). Otherwise each message's recipient and subject
 * are logged, never its body (it carries patient details and sign-in links), unless `logBodies` is on. Messages
 * to patients and staff go through the outbox (modules/messages), which keeps them in the development mail
 * catcher when SMTP_URL is not set.
 */
export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  log: (message: string) => void;
  logBodies?: boolean;
}): Mailer {
  if (!options.smtpUrl) {
    return {
      async send(message) {
        options.log(
          options.logBodies
            ? `[mail not sent: SMTP_URL is not set] to ${message.to}: ${message.subject}\n${message.text}`
            : `[mail not sent: SMTP_URL is not set] to ${message.to}: ${message.subject} ` +
                '(body not logged; set MAIL_LOG_BODIES=true on a development machine to see it)',
        );
      },
    };
  }
  const url = new URL(options.smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    ...(url.searchParams.get('tls') === 'off' ? { ignoreTLS: true } : {}),
  });
  return {
    async send({ calendar, ...message }) {
      await transport.sendMail({
        from: options.from,
        ...message,
        // nodemailer adds it as a text/calendar alternative with `method=...`, which calendar clients act on.
        ...(calendar
          ? {
              icalEvent: {
                method: calendar.method.toLowerCase(),
                filename: 'invite.ics',
                content: calendar.content,
              },
            }
          : {}),
      });
    },
  };
}
