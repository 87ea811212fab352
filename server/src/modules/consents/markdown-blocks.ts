import { Lexer, type Token, type Tokens } from 'marked';
import { decodeHtmlEntities as decode } from '@needlepoint/core/text/html-entities';

/** A block of a Markdown text as plain lines for print: headings, paragraphs, and list items with their marker. */
export interface TextBlock {
  kind: 'heading' | 'paragraph' | 'item';
  text: string;
  /** For items: `-` or `1.`; nested lists are indented by `level`. */
  marker?: string;
  level?: number;
}

/** Markdown as printable blocks, with inline marks (bold, links, code) reduced to their text. */
export function markdownBlocks(markdown: string): TextBlock[] {
  const out: TextBlock[] = [];
  walk(Lexer.lex(markdown), 0, out);
  return out;
}

function walk(tokens: Token[], level: number, out: TextBlock[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading':
        out.push({ kind: 'heading', text: inlineText((token as Tokens.Heading).tokens) });
        break;
      case 'paragraph':
        out.push({ kind: 'paragraph', text: inlineText((token as Tokens.Paragraph).tokens) });
        break;
      case 'list': {
        const list = token as Tokens.List;
        const start = typeof list.start === 'number' ? list.start : 1;
        list.items.forEach((item, i) => {
          const marker = list.ordered ? `${start + i}.` : '-';
          const [first, ...rest] = item.tokens;
          const firstText = first && 'tokens' in first && first.tokens ? inlineText(first.tokens) : '';
          out.push({ kind: 'item', text: firstText, marker, level });
          walk(rest, level + 1, out);
        });
        break;
      }
      case 'blockquote':
        walk((token as Tokens.Blockquote).tokens, level, out);
        break;
      case 'space':
      case 'hr':
        break;
      default:
        if ('text' in token && typeof token.text === 'string' && token.text.trim())
          out.push({ kind: 'paragraph', text: decode(token.text) });
    }
  }
}

function inlineText(tokens: Token[] | undefined): string {
  return (tokens ?? [])
    .map((token) => {
      if (token.type === 'br') return ' ';
      if ('tokens' in token && token.tokens && token.tokens.length > 0) return inlineText(token.tokens);
      return 'text' in token && typeof token.text === 'string' ? decode(token.text) : '';
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
