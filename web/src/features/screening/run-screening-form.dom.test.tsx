import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderStaff, stubServer } from '../../testing/render';
import { RunScreeningForm } from './run-screening-form';

const patientId = '5d7c1a52-0f1e-4b8e-9a51-7b9c3e2d4f60';
const screening = { id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', patientId };

function renderForm(onRan = vi.fn()) {
  renderStaff(<RunScreeningForm patientId={patientId} latest={undefined} recordVersion={1} onRan={onRan} />);
  return onRan;
}

describe('RunScreeningForm', () => {
  it('asks for at least one area and sends nothing without one', async () => {
    const sent = stubServer(() => ({ status: 201, body: screening }));
    const user = userEvent.setup();
    renderForm();

    await user.click(screen.getByRole('checkbox', { name: 'Face' }));
    await user.click(screen.getByRole('button', { name: 'Run screening' }));

    screen.getByText('Choose at least one treatment area');
    expect(sent).toEqual([]);
  });

  it('runs the screening for the chosen areas and modality', async () => {
    const sent = stubServer(() => ({ status: 201, body: screening }));
    const user = userEvent.setup();
    const onRan = renderForm();

    await user.click(screen.getByRole('checkbox', { name: 'Neck' }));
    await user.click(screen.getByRole('radio', { name: 'Radiofrequency (RF) microneedling' }));
    await user.click(screen.getByRole('button', { name: 'Run screening' }));

    await waitFor(() => expect(onRan).toHaveBeenCalledWith(screening));
    expect(sent).toEqual([
      {
        method: 'POST',
        path: `/api/patients/${patientId}/screenings`,
        body: { areas: ['face', 'neck'], modality: 'rf' },
      },
    ]);
  });
});
