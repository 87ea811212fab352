import { describe, expect, it } from 'vitest';
import { defaultConsentDocuments } from '@needlepoint/core/consents/default-documents';
import { markdownBlocks } from './markdown-blocks';

describe('consent Markdown for print', () => {
  it('reads headings, paragraphs, bullets, numbered items and inline marks as plain text', () => {
    const text = [
      '## What we ask of you',
      'Please read **all** of this, see [our site](https://example.org) and `notes`.',
      '',
      '- Tell us about *every* medicine.',
      '- Protect your skin',
      '  from the sun.',
      '',
      '3. Third',
      '4. Fourth',
    ].join('\n');
    expect(markdownBlocks(text)).toEqual([
      { kind: 'heading', text: 'What we ask of you' },
      { kind: 'paragraph', text: 'Please read all of this, see our site and notes.' },
      { kind: 'item', text: 'Tell us about every medicine.', marker: '-', level: 0 },
      { kind: 'item', text: 'Protect your skin from the sun.', marker: '-', level: 0 },
      { kind: 'item', text: 'Third', marker: '3.', level: 0 },
      { kind: 'item', text: 'Fourth', marker: '4.', level: 0 },
    ]);
  });

  it('keeps raw HTML as text and leaves no Markdown marks in the default consent texts', () => {
    expect(markdownBlocks('<script>alert(1)</script>')).toEqual([
      { kind: 'paragraph', text: '<script>alert(1)</script>' },
    ]);
    for (const doc of defaultConsentDocuments) {
      for (const block of markdownBlocks(doc.body)) {
        expect(block.text, doc.kind).not.toMatch(/^#|\*\*|^- /);
      }
    }
  });
});
