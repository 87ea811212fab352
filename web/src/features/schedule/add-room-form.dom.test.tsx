import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderStaff, stubServer } from '../../testing/render';
import { AddRoomForm } from './add-room-form';

const room = { id: '3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b', name: 'Room 2', active: true };

describe('AddRoomForm', () => {
  it('asks for a name and sends nothing without one', async () => {
    const sent = stubServer(() => ({ status: 201, body: room }));
    const user = userEvent.setup();
    renderStaff(<AddRoomForm onAdded={vi.fn()} />);

    await user.type(screen.getByLabelText('New room'), '   ');
    await user.click(screen.getByRole('button', { name: 'Add room' }));

    screen.getByText('Enter the room’s name');
    expect(sent).toEqual([]);
  });

  it('adds the room by its trimmed name and empties the field for the next', async () => {
    const sent = stubServer(() => ({ status: 201, body: room }));
    const onAdded = vi.fn();
    const user = userEvent.setup();
    renderStaff(<AddRoomForm onAdded={onAdded} />);

    await user.type(screen.getByLabelText('New room'), ' Room 2 ');
    await user.click(screen.getByRole('button', { name: 'Add room' }));

    await waitFor(() => expect(onAdded).toHaveBeenCalledTimes(1));
    expect(sent).toEqual([{ method: 'POST', path: '/api/rooms', body: { name: 'Room 2' } }]);
    expect(screen.getByLabelText<HTMLInputElement>('New room').value).toBe('');
  });

  it('shows a refusal above the form and keeps what was typed', async () => {
    stubServer(() => ({
      status: 403,
      body: { error: { code: 'AUTH_FORBIDDEN', message: 'Only owners change rooms', requestId: 'r1' } },
    }));
    const onAdded = vi.fn();
    const user = userEvent.setup();
    renderStaff(<AddRoomForm onAdded={onAdded} />);

    await user.type(screen.getByLabelText('New room'), 'Room 2');
    await user.click(screen.getByRole('button', { name: 'Add room' }));

    await screen.findByText('Room not added');
    screen.getByText('Only owners change rooms');
    expect(screen.getByLabelText<HTMLInputElement>('New room').value).toBe('Room 2');
    expect(onAdded).not.toHaveBeenCalled();
  });
});
