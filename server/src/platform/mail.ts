import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: string | Buffer; contentType: string }[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * SMTP when SMTP_URL is set (e.g. smtp://user:pass@host:587). Otherwise each message's recipient and subject
 * are logged, never its body (it carries patient details and sign-in links), unless `logBodies` is on: a
 * development mail catcher (MAIL_LOG_BODIES=true) for a local trial without a mail server.
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
    async send(message) {
      await transport.sendMail({ from: options.from, ...message });
    },
  };
}
