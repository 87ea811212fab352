import mjml2html from 'mjml';
import type { ClinicForMessage, MessageContent, Translate } from './templates';

/** What a message looks like on each channel, all from one MessageContent. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  sms: string;
  /** The portal inbox's text: the message without the email footer. */
  inbox: string;
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function footerLines(clinic: ClinicForMessage, t: Translate): string[] {
  return [
    t('messages.common.footer', { clinic: clinic.name, address: clinic.address || 'none' }),
    ...(clinic.phone ? [t('messages.common.phone', { phone: clinic.phone })] : []),
    t('messages.common.why', { clinic: clinic.name }),
  ];
}

function plainText(
  content: MessageContent,
  clinic: ClinicForMessage,
  t: Translate,
  unsubscribeUrl: string | null,
) {
  return [
    ...(content.greeting ? [content.greeting, ''] : []),
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.list?.length ? [...content.list.map((item) => `- ${item}`), ''] : []),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    '--',
    ...footerLines(clinic, t),
    ...(unsubscribeUrl ? [`${t('messages.common.unsubscribe')}: ${unsubscribeUrl}`] : []),
    '',
  ].join('\n');
}

async function html(
  content: MessageContent,
  clinic: ClinicForMessage,
  t: Translate,
  unsubscribeUrl: string | null,
  locale: string,
) {
  const text = (value: string, extra = '') =>
    `<mj-text font-size="16px" line-height="24px" color="#1f2933"${extra}>${escapeHtml(value)}</mj-text>`;
  const source = `<mjml lang="${locale}">
  <mj-head><mj-title>${escapeHtml(content.subject)}</mj-title><mj-attributes><mj-all font-family="Helvetica, Arial, sans-serif" /></mj-attributes></mj-head>
  <mj-body background-color="#f4f5f7">
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        <mj-text font-size="14px" color="#52606d">${escapeHtml(clinic.name)}</mj-text>
        <mj-text font-size="22px" font-weight="bold" color="#1f2933">${escapeHtml(content.heading)}</mj-text>
        ${content.greeting ? text(content.greeting) : ''}
        ${content.paragraphs.map((p) => text(p)).join('\n        ')}
        ${
          content.list?.length
            ? `<mj-text font-size="16px" line-height="24px" color="#1f2933"><ul>${content.list
                .map((item) => `<li>${escapeHtml(item)}</li>`)
                .join('')}</ul></mj-text>`
            : ''
        }
        ${
          content.action
            ? `<mj-button href="${escapeHtml(content.action.url)}" background-color="#0b6e4f" font-size="16px" align="left">${escapeHtml(content.action.label)}</mj-button>`
            : ''
        }
      </mj-column>
    </mj-section>
    <mj-section padding="16px 24px">
      <mj-column>
        ${footerLines(clinic, t)
          .map(
            (line) =>
              `<mj-text font-size="13px" color="#52606d" padding="2px 0">${escapeHtml(line)}</mj-text>`,
          )
          .join('\n        ')}
        ${
          unsubscribeUrl
            ? `<mj-text font-size="13px" padding="8px 0"><a href="${escapeHtml(unsubscribeUrl)}" style="color:#52606d">${escapeHtml(t('messages.common.unsubscribe'))}</a></mj-text>`
            : ''
        }
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
  const result = await mjml2html(source, { validationLevel: 'strict' });
  return result.html;
}

/** The HTML and plain-text parts of an email (mjml), the SMS and the portal text, from one content. */
export async function renderMessage(
  content: MessageContent,
  clinic: ClinicForMessage,
  t: Translate,
  unsubscribeUrl: string | null,
  locale: string,
): Promise<RenderedMessage> {
  return {
    subject: content.subject,
    text: plainText(content, clinic, t, unsubscribeUrl),
    html: await html(content, clinic, t, unsubscribeUrl, locale),
    sms: [content.subject, content.action?.url].filter(Boolean).join('\n'),
    inbox: [
      ...(content.greeting ? [content.greeting] : []),
      ...content.paragraphs,
      ...(content.list ?? []).map((item) => `- ${item}`),
    ].join('\n\n'),
  };
}
