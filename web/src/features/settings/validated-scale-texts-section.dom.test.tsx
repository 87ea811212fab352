import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { scales } from '@needlepoint/core/outcomes/scales';
import { textKeysOf } from '@needlepoint/core/outcomes/validated-texts';
import { renderStaff, stubServer } from '../../testing/render';
import { ValidatedTextModal } from './validated-scale-texts-section';

const source = 'Licensed GAIS Spanish, test source 2026';
const keys = textKeysOf(scales['gais-subject']);
/** The field labelled with a text's English (the label also carries the required mark). */
const fieldOf = (english: string) =>
  screen.getByLabelText(new RegExp(`^${english.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

describe('ValidatedTextModal', () => {
  it('asks for every text of the scale and sends nothing while one is missing', async () => {
    const sent = stubServer(() => ({ status: 500, body: {} }));
    const user = userEvent.setup();
    renderStaff(<ValidatedTextModal scaleId="gais-subject" current={undefined} onClose={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Save version 1' })).toHaveProperty('disabled', true);
    await user.type(screen.getByLabelText(/Licence and source/), source);
    await user.type(fieldOf(keys[0]!.english), 'Escala');
    await user.click(screen.getByRole('button', { name: 'Save version 1' }));
    screen.getByText(
      `Every text the patient reads needs its validated wording (${keys.length - 1} missing).`,
    );
    expect(sent).toEqual([]);
  });

  it('sends every text and the source as a new version', async () => {
    const current = {
      scaleId: 'gais-subject' as const,
      language: 'es' as const,
      version: 1,
      texts: Object.fromEntries(keys.map(({ key }) => [key, `v1 ${key}`])),
      source,
      createdByName: 'Olivia Owner',
      createdAt: '2026-12-01T10:00:00.000Z',
    };
    const sent = stubServer(() => ({ status: 201, body: { ...current, version: 2 } }));
    const onClose = vi.fn();
    const user = userEvent.setup();
    renderStaff(<ValidatedTextModal scaleId="gais-subject" current={current} onClose={onClose} />);
    const rating = fieldOf(keys[1]!.english);
    await user.clear(rating);
    await user.type(rating, 'En comparación con antes');
    await user.click(screen.getByRole('button', { name: 'Save version 2' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/validated-scale-texts',
        body: {
          scaleId: 'gais-subject',
          language: 'es',
          texts: { ...current.texts, [keys[1]!.key]: 'En comparación con antes' },
          source,
        },
      },
    ]);
  });
});
