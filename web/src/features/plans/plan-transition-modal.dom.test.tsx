import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PlanDto } from '@needlepoint/core/contracts/plans';
import { describe, expect, it, vi } from 'vitest';
import { focusedField, renderStaff, stubServer } from '../../testing/render';
import { TransitionModal } from './plan-transition-modal';

// Only what the dialog reads of a plan.
const plan = {
  id: '9a1f7c3e-2b4d-4e6f-8a0b-1c2d3e4f5a6b',
  name: 'Acne scars, 4 sessions',
  status: 'active',
} as PlanDto;

describe('TransitionModal', () => {
  it('asks why before pausing and sends nothing without a reason', async () => {
    const sent = stubServer(() => ({ status: 200, body: plan }));
    const user = userEvent.setup();
    renderStaff(<TransitionModal plan={plan} to="paused" onClose={vi.fn()} onDone={vi.fn()} />);

    await user.type(await focusedField(/Reason/), '   ');
    await user.click(screen.getByRole('button', { name: 'Pause' }));

    screen.getByText('Enter the reason');
    expect(sent).toEqual([]);
  });

  it('pauses with the reason trimmed', async () => {
    const sent = stubServer(() => ({ status: 200, body: { ...plan, status: 'paused' } }));
    const onDone = vi.fn();
    const user = userEvent.setup();
    renderStaff(<TransitionModal plan={plan} to="paused" onClose={vi.fn()} onDone={onDone} />);

    await user.type(await focusedField(/Reason/), ' Travelling until May ');
    await user.click(screen.getByRole('button', { name: 'Pause' }));

    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(sent).toEqual([
      {
        method: 'POST',
        path: `/api/plans/${plan.id}/transitions`,
        body: { to: 'paused', reason: 'Travelling until May' },
      },
    ]);
  });

  it('completes without a reason, which is optional there', async () => {
    const sent = stubServer(() => ({ status: 200, body: { ...plan, status: 'completed' } }));
    const onDone = vi.fn();
    const user = userEvent.setup();
    renderStaff(<TransitionModal plan={plan} to="completed" onClose={vi.fn()} onDone={onDone} />);

    await focusedField(/Reason \(optional\)/);
    await user.click(screen.getByRole('button', { name: 'Complete' }));

    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(sent.map((r) => r.body)).toEqual([{ to: 'completed' }]);
  });

  it('shows a refusal above the form and stays open', async () => {
    stubServer(() => ({
      status: 409,
      body: {
        error: {
          code: 'PLAN_INVALID_TRANSITION',
          message: 'A completed plan cannot be paused',
          requestId: 'r1',
        },
      },
    }));
    const onDone = vi.fn();
    const user = userEvent.setup();
    renderStaff(<TransitionModal plan={plan} to="paused" onClose={vi.fn()} onDone={onDone} />);

    await user.type(await focusedField(/Reason/), 'Travelling');
    await user.click(screen.getByRole('button', { name: 'Pause' }));

    await screen.findByText('Not changed');
    screen.getByText('A completed plan cannot be paused');
    expect(onDone).not.toHaveBeenCalled();
  });
});
