import { Fragment, type ReactNode } from 'react';
import { Anchor, List, Text, Title } from '@mantine/core';
import { Lexer, type Token, type Tokens } from 'marked';
import { decodeHtmlEntities as decode } from '@needlepoint/core/text/html-entities';

/**
 * Markdown (consent texts, articles) shown as React elements. Raw HTML in the text is shown as text, never run:
 * nothing is passed through `innerHTML`. Links open only for http(s) and mailto addresses.
 */
export function Markdown({ text, size = 'sm' }: { text: string; size?: 'xs' | 'sm' | 'md' }) {
  return <div style={{ lineHeight: 1.6 }}>{blocks(Lexer.lex(text), size)}</div>;
}

function blocks(tokens: Token[], size: 'xs' | 'sm' | 'md'): ReactNode[] {
  return tokens.map((token, i) => {
    switch (token.type) {
      case 'heading': {
        const t = token as Tokens.Heading;
        // Headings inside a document sit below the page's own title and section headings.
        const order = Math.min(6, t.depth + 2) as 3 | 4 | 5 | 6;
        return (
          <Title key={i} order={order} fz={size === 'md' ? 'lg' : 'md'} mt="md" mb={4}>
            {inline(t.tokens)}
          </Title>
        );
      }
      case 'paragraph':
        return (
          <Text key={i} size={size} mb="xs">
            {inline((token as Tokens.Paragraph).tokens)}
          </Text>
        );
      case 'list': {
        const t = token as Tokens.List;
        return (
          <List
            key={i}
            type={t.ordered ? 'ordered' : 'unordered'}
            size={size}
            mb="xs"
            spacing={2}
            withPadding
          >
            {t.items.map((item, j) => (
              <List.Item key={j}>{inline(item.tokens.flatMap(itemInline))}</List.Item>
            ))}
          </List>
        );
      }
      case 'blockquote':
        return (
          <blockquote key={i} style={{ margin: '0 0 8px', paddingLeft: 12, borderLeft: '3px solid #ced4da' }}>
            {blocks((token as Tokens.Blockquote).tokens, size)}
          </blockquote>
        );
      case 'space':
      case 'hr':
        return null;
      default:
        return 'text' in token && typeof token.text === 'string' ? (
          <Text key={i} size={size} mb="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {token.text}
          </Text>
        ) : null;
    }
  });
}

/** A list item's content as inline tokens (a loose item wraps them in paragraphs). */
function itemInline(token: Token): Token[] {
  if ((token.type === 'text' || token.type === 'paragraph') && 'tokens' in token && token.tokens)
    return token.tokens;
  return [token];
}

function inline(tokens: Token[] | undefined): ReactNode[] {
  return (tokens ?? []).map((token, i) => {
    switch (token.type) {
      case 'strong':
        return <strong key={i}>{inline((token as Tokens.Strong).tokens)}</strong>;
      case 'em':
        return <em key={i}>{inline((token as Tokens.Em).tokens)}</em>;
      case 'del':
        return <s key={i}>{inline((token as Tokens.Del).tokens)}</s>;
      case 'codespan':
        return <code key={i}>{(token as Tokens.Codespan).text}</code>;
      case 'br':
        return <br key={i} />;
      case 'link': {
        const t = token as Tokens.Link;
        return /^(https?:|mailto:)/i.test(t.href) ? (
          <Anchor key={i} href={t.href} target="_blank" rel="noopener noreferrer" inherit>
            {inline(t.tokens)}
          </Anchor>
        ) : (
          <Fragment key={i}>{inline(t.tokens)}</Fragment>
        );
      }
      case 'text': {
        const t = token as Tokens.Text;
        return t.tokens ? <Fragment key={i}>{inline(t.tokens)}</Fragment> : decode(t.text);
      }
      default:
        return 'text' in token && typeof token.text === 'string' ? decode(token.text) : null;
    }
  });
}
