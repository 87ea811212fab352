import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PatientRecord } from '@needlepoint/core/contracts/patients';
import { describe, expect, it, vi } from 'vitest';
import { focusedField, renderStaff, stubServer } from '../../testing/render';
import { EditDetailsModal } from './edit-details-modal';

const patient: PatientRecord = {
  id: '5d7c1a52-0f1e-4b8e-9a51-7b9c3e2d4f60',
  givenName: 'Ana',
  familyName: 'Ruiz',
  birthDate: '1990-04-02',
  sex: 'female',
  email: null,
  // Imported as written on an old chart: not a phone number the contract accepts today.
  phone: 'ask reception',
  archived: false,
  address: '',
  fitzpatrick: 3,
  concerns: ['acne-scars'],
  notes: '',
  answers: {},
  listsReviewed: {},
  version: 7,
  mergedInto: null,
  preferredLanguage: 'en',
  entries: [],
  createdAt: '2026-01-01T10:00:00Z',
  updatedAt: '2026-01-01T10:00:00Z',
};

function renderModal(onSaved = vi.fn(), onClose = vi.fn()) {
  renderStaff(<EditDetailsModal patient={patient} onClose={onClose} onSaved={onSaved} onReload={vi.fn()} />);
  return { onSaved, onClose };
}

describe('EditDetailsModal', () => {
  it('sends only what changed, with the version the user saw', async () => {
    const sent = stubServer(() => ({
      status: 200,
      body: { ...patient, familyName: 'Ruiz Gil', version: 8 },
    }));
    const user = userEvent.setup();
    const { onSaved } = renderModal();
    await focusedField(/First name/);

    await user.type(screen.getByLabelText(/Last name/), ' Gil ');
    await user.selectOptions(screen.getByLabelText('Skin type (Fitzpatrick)'), '');
    await user.click(screen.getByRole('button', { name: 'Save details' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(sent).toEqual([
      {
        method: 'PATCH',
        path: `/api/patients/${patient.id}`,
        body: { expectedVersion: 7, familyName: 'Ruiz Gil', fitzpatrick: null },
      },
    ]);
  });

  it('closes without a request when nothing changed', async () => {
    const sent = stubServer(() => ({ status: 200, body: patient }));
    const user = userEvent.setup();
    const { onClose } = renderModal();
    await focusedField(/First name/);

    await user.click(screen.getByRole('button', { name: 'Save details' }));

    expect(onClose).toHaveBeenCalledTimes(1);
    expect(sent).toEqual([]);
  });

  it('checks a changed field against the contract and leaves the rest alone', async () => {
    const sent = stubServer(() => ({ status: 200, body: patient }));
    const user = userEvent.setup();
    renderModal();

    await user.clear(await focusedField(/First name/));
    await user.click(screen.getByRole('button', { name: 'Save details' }));

    screen.getByText('Enter the first name');
    expect(screen.getByLabelText(/Phone/).getAttribute('aria-invalid')).not.toBe('true');
    expect(sent).toEqual([]);
  });

  it('says someone else saved first and offers to reload', async () => {
    stubServer(() => ({
      status: 409,
      body: {
        error: { code: 'PATIENT_VERSION_CONFLICT', message: 'Changed by someone else', requestId: 'r1' },
      },
    }));
    const user = userEvent.setup();
    const { onSaved } = renderModal();

    await user.type(await focusedField(/First name/), 'a');
    await user.click(screen.getByRole('button', { name: 'Save details' }));

    await screen.findByText('Someone else changed this record');
    screen.getByRole('button', { name: 'Reload the record' });
    expect(onSaved).not.toHaveBeenCalled();
  });
});
