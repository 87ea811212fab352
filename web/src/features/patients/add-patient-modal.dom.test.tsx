import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { focusedField, renderStaff, stubServer } from '../../testing/render';
import { AddPatientModal } from './add-patient-modal';

const id = '5d7c1a52-0f1e-4b8e-9a51-7b9c3e2d4f60';

describe('AddPatientModal', () => {
  it('shows what is missing on each field and sends nothing', async () => {
    const sent = stubServer(() => ({ status: 201, body: { id } }));
    const user = userEvent.setup();
    renderStaff(<AddPatientModal onClose={vi.fn()} onCreated={vi.fn()} />);
    await focusedField(/First name/);

    await user.type(screen.getByLabelText(/Phone/), 'call me');
    await user.click(screen.getByRole('button', { name: 'Add patient' }));

    screen.getByText('Enter the first name');
    screen.getByText('Enter the last name');
    screen.getByText('Enter the birth date');
    screen.getByText('Enter a phone number: digits, spaces, + - ( ) only, at least 6 digits');
    expect(screen.getByLabelText(/Email/).getAttribute('aria-invalid')).not.toBe('true');
    expect(sent).toEqual([]);
  });

  it('refuses a birth date after today, which the contract alone cannot know', async () => {
    const sent = stubServer(() => ({ status: 201, body: { id } }));
    const user = userEvent.setup();
    renderStaff(<AddPatientModal onClose={vi.fn()} onCreated={vi.fn()} />);

    await user.type(await focusedField(/First name/), 'Ana');
    await user.type(screen.getByLabelText(/Last name/), 'Ruiz');
    await user.type(screen.getByLabelText(/Birth date/), '2999-01-01');
    await user.click(screen.getByRole('button', { name: 'Add patient' }));

    screen.getByText('The birth date cannot be in the future');
    expect(sent).toEqual([]);
  });

  it('sends the parsed request: names trimmed, an empty email as none', async () => {
    const sent = stubServer(() => ({ status: 201, body: { id } }));
    const onCreated = vi.fn();
    const user = userEvent.setup();
    renderStaff(<AddPatientModal onClose={vi.fn()} onCreated={onCreated} />);

    await user.type(await focusedField(/First name/), ' Ana ');
    await user.type(screen.getByLabelText(/Last name/), 'Ruiz');
    await user.type(screen.getByLabelText(/Birth date/), '1990-04-02');
    await user.selectOptions(screen.getByLabelText('Sex'), 'male');
    await user.type(screen.getByLabelText(/Phone/), ' +34 600 111 222 ');
    await user.click(screen.getByRole('button', { name: 'Add patient' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(id));
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/patients',
        body: {
          givenName: 'Ana',
          familyName: 'Ruiz',
          birthDate: '1990-04-02',
          sex: 'male',
          email: null,
          phone: '+34 600 111 222',
        },
      },
    ]);
  });

  it('puts the server’s field problem on its field and nothing above the form', async () => {
    stubServer(() => ({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'The request is not valid',
          requestId: 'r1',
          fields: [{ path: 'body.email', message: 'This address cannot receive mail' }],
        },
      },
    }));
    const onCreated = vi.fn();
    const user = userEvent.setup();
    renderStaff(<AddPatientModal onClose={vi.fn()} onCreated={onCreated} />);

    await user.type(await focusedField(/First name/), 'Ana');
    await user.type(screen.getByLabelText(/Last name/), 'Ruiz');
    await user.type(screen.getByLabelText(/Birth date/), '1990-04-02');
    await user.type(screen.getByLabelText(/Email/), 'ana@clinic.example');
    await user.click(screen.getByRole('button', { name: 'Add patient' }));

    await screen.findByText('This address cannot receive mail');
    expect(screen.getByLabelText(/Email/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText('Patient not added')).toBeNull();
    expect(onCreated).not.toHaveBeenCalled();
  });
});
