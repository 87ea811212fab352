import { useState } from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import intakeEn from '../../../i18n/intake/en.json';
import { renderPortal } from '../../../testing/render';
import { emptyDraft, type IntakeDraft } from './intake-model';
import { ConcernsStep, HealthStep, SkinStep } from './intake-steps';
import type { StepProps } from './step-questions';

/** A step as the intake page holds it: the draft in state, shown as JSON so a test can read what changed. */
function Harness({
  Step,
  initial,
  problems = {},
}: {
  Step: (props: StepProps) => React.ReactNode;
  initial: IntakeDraft;
  problems?: Record<string, string>;
}) {
  const [draft, setDraft] = useState(initial);
  return (
    <>
      <Step draft={draft} update={(change) => setDraft(change)} problems={problems} />
      <output data-testid="draft">{JSON.stringify(draft)}</output>
    </>
  );
}

const draftNow = () => JSON.parse(screen.getByTestId('draft').textContent ?? '') as IntakeDraft;
const question = (path: string) => document.querySelector<HTMLElement>(`fieldset[data-path="${path}"]`)!;

describe('intake steps', () => {
  it('asks for the HbA1c only of a patient with diabetes, and keeps what they type', async () => {
    const user = userEvent.setup();
    renderPortal(<Harness Step={HealthStep} initial={emptyDraft()} />, intakeEn);
    expect(screen.queryByLabelText('HbA1c result (%)')).toBeNull();

    await user.click(within(question('health.diabetes')).getByRole('radio', { name: 'Yes' }));
    await user.type(screen.getByLabelText('HbA1c result (%)'), '6.4');

    expect(draftNow().health).toEqual({ diabetes: 'yes', hba1cPercent: '6.4' });
  });

  it('keeps "not sure" apart from "no"', async () => {
    const user = userEvent.setup();
    renderPortal(<Harness Step={HealthStep} initial={emptyDraft()} />, intakeEn);

    await user.click(within(question('health.diabetes')).getByRole('radio', { name: 'Not sure' }));

    expect(draftNow().health.diabetes).toBe('unknown');
    expect(screen.queryByLabelText('HbA1c result (%)')).toBeNull();
  });

  it('shows a problem on its question, named for screen readers', () => {
    renderPortal(
      <Harness
        Step={HealthStep}
        initial={emptyDraft()}
        problems={{ 'health.diabetes': 'Please answer this' }}
      />,
      intakeEn,
    );
    const diabetes = question('health.diabetes');

    expect(diabetes.getAttribute('aria-invalid')).toBe('true');
    const described = diabetes.getAttribute('aria-describedby')!.split(' ');
    expect(described.map((id) => document.getElementById(id)?.textContent)).toContain('Please answer this');
    expect(question('health.chemotherapy').getAttribute('aria-invalid')).toBeNull();
  });

  it('asks what else to improve only when "Something else" is chosen', async () => {
    const user = userEvent.setup();
    renderPortal(<Harness Step={ConcernsStep} initial={emptyDraft()} />, intakeEn);
    const notes = () => screen.queryByLabelText('Tell us what else you would like to improve');
    expect(notes()).toBeNull();

    await user.click(screen.getByRole('checkbox', { name: 'Something else' }));
    await user.type(notes()!, 'Dark circles');
    expect(draftNow()).toMatchObject({ concerns: ['other'], concernNotes: 'Dark circles' });

    await user.click(screen.getByRole('checkbox', { name: 'Something else' }));
    expect(draftNow().concerns).toEqual([]);
    expect(notes()).toBeNull();
  });

  it('asks about vitiligo only of a patient who wants it treated, and the sunburn date only after a sunburn', async () => {
    const user = userEvent.setup();
    renderPortal(<Harness Step={SkinStep} initial={{ ...emptyDraft(), concerns: ['vitiligo'] }} />, intakeEn);
    expect(question('skin.vitiligoChangingLast6Months')).not.toBeNull();
    expect(screen.queryByLabelText('When was the sunburn or tan, roughly?')).toBeNull();

    await user.click(within(question('skin.sunburnOrTan')).getByRole('radio', { name: 'Yes' }));
    await user.type(screen.getByLabelText('When was the sunburn or tan, roughly?'), '2026-02-20');

    expect(draftNow().skin).toEqual({ sunburnOrTan: 'yes', sunburnOrTanDate: '2026-02-20' });
  });

  it('leaves the vitiligo question out for everyone else', () => {
    renderPortal(<Harness Step={SkinStep} initial={emptyDraft()} />, intakeEn);
    expect(question('skin.sunburnOrTan')).not.toBeNull();
    expect(question('skin.vitiligoChangingLast6Months')).toBeNull();
  });
});
