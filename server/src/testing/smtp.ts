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

/** A real SMTP server on a free loopback port, keeping every message it receives. */
export async function startTestSmtp(): Promise<{
  mailer: Mailer;
  inbox: ReceivedMail[];
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
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          text: decodeQuotedPrintable(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const mailer = createMailer({
    smtpUrl: `smtp://127.0.0.1:${port}?tls=off`,
    from: 'Clinic <clinic@test.needlepoint>',
    log: () => undefined,
  });
  return { mailer, inbox, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
