import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { focusedField, renderStaff, stubServer } from '../../testing/render';
import { AddUserModal } from './add-user-modal';

const created = {
  id: '0b9d5f4e-1d51-4d1c-9f3e-2a7a4e1f0c11',
  name: 'Ana Ruiz',
  email: 'ana@clinic.example',
  role: 'provider',
};

describe('AddUserModal', () => {
  it('shows the contract’s problems on the fields and sends nothing', async () => {
    const sent = stubServer(() => ({ status: 201, body: created }));
    const user = userEvent.setup();
    renderStaff(<AddUserModal onClose={vi.fn()} onCreated={vi.fn()} />);
    await focusedField(/Name/);

    await user.type(screen.getByLabelText(/Email/), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));

    expect(screen.getByLabelText(/Name/).getAttribute('aria-invalid')).toBe('true');
    screen.getByText('Enter their name');
    screen.getByText('Enter a valid email address');
    expect(sent).toEqual([]);
  });

  it('sends the parsed request (trimmed name, lower-case email) and reports the user', async () => {
    const sent = stubServer(() => ({ status: 201, body: created }));
    const onCreated = vi.fn();
    const user = userEvent.setup();
    renderStaff(<AddUserModal onClose={vi.fn()} onCreated={onCreated} />);

    await user.type(await focusedField(/Name/), '  Ana Ruiz ');
    await user.type(screen.getByLabelText(/Email/), 'Ana@Clinic.example');
    await user.selectOptions(screen.getByLabelText('Role'), 'provider');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/api/users',
        body: { name: 'Ana Ruiz', email: 'ana@clinic.example', role: 'provider' },
      },
    ]);
  });

  it('puts a taken email on the email field, not above the form', async () => {
    stubServer(() => ({
      status: 409,
      body: { error: { code: 'USER_EMAIL_TAKEN', message: 'Email taken', requestId: 'r1' } },
    }));
    const onCreated = vi.fn();
    const user = userEvent.setup();
    renderStaff(<AddUserModal onClose={vi.fn()} onCreated={onCreated} />);

    await user.type(await focusedField(/Name/), 'Ana Ruiz');
    await user.type(screen.getByLabelText(/Email/), 'ana@clinic.example');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));

    await screen.findByText('Someone already uses this email address');
    expect(screen.queryByText('User not added')).toBeNull();
    expect(onCreated).not.toHaveBeenCalled();
  });
});
