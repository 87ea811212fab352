import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createMailer, type Mailer } from '../platform/mail';

export interface ReceivedMail {
  to: string[];
  raw: string;
  /** The raw message with quoted-printable soft breaks and escapes undone, for searching. */
  text: string;
}

function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A received message parsed by mailparser: both parts, headers, attachments (the calendar part among them). */
export function parseMail(mail: ReceivedMail): Promise<ParsedMail> {
  return simpleParser(mail.raw);
}

/**
 * A real SMTP server on a free loopback port, keeping every message it receives. `beforeAccept` may hold a
 * message's acknowledgement (the sender waits) or refuse it with an SMTP reply code.
 */
export async function startTestSmtp(
  options: {
    beforeAccept?: (mail: ReceivedMail) => Promise<void | { refuse: number; message: string }>;
  } = {},
): Promise<{
  mailer: Mailer;
  inbox: ReceivedMail[];
  url: string;
  stop(): Promise<void>;
}> {
  const inbox: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        const mail = {
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          text: decodeQuotedPrintable(raw),
        };
        void (options.beforeAccept?.(mail) ?? Promise.resolve()).then((verdict) => {
          if (verdict) {
            callback(Object.assign(new Error(verdict.message), { responseCode: verdict.refuse }));
            return;
          }
          inbox.push(mail);
          callback();
        });
      });
    },
  });
  // A client that vanishes mid-conversation (a worker killed on purpose) resets its connection: the server carries on,
  // as a real one does. smtp-server reports it as an 'error' event, which would otherwise be unhandled.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `smtp://127.0.0.1:${port}?tls=off`;
  const mailer = createMailer({
    smtpUrl: url,
    from: 'Clinic <clinic@test.needlepoint>',
    log: () => undefined,
  });
  return { mailer, inbox, url, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
