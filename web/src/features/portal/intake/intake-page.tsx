import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Paper, Progress, Stack, Text, Textarea, Title } from '@mantine/core';
import type { IntakeState, SubmitIntakeResponse } from '@needlepoint/core/contracts/portal';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { AnchorLink } from '../../../components/router-links';
import { api, ApiError } from '../../../lib/api';
import { formatDate, todayIso } from '../../../lib/format';
import { useApi } from '../../../lib/use-api';
import {
  draftFromRecord,
  firstStepWithProblem,
  isStepId,
  problemsFrom,
  readDraft,
  stepOfPath,
  steps,
  validate,
  type IntakeDraft,
  type Problems,
  type StepId,
} from './intake-model';
import {
  AboutStep,
  AllergiesStep,
  ConcernsStep,
  ConditionsStep,
  HealthStep,
  MedicationsStep,
  PregnancyStep,
  SkinStep,
  TreatmentsStep,
  type StepProps,
} from './intake-steps';
import { ReviewSummary } from './intake-review';

const saveDelayMs = 800;

const stepComponents: Record<Exclude<StepId, 'review'>, (props: StepProps) => React.ReactNode> = {
  about: AboutStep,
  concerns: ConcernsStep,
  pregnancy: PregnancyStep,
  skin: SkinStep,
  health: HealthStep,
  medications: MedicationsStep,
  conditions: ConditionsStep,
  allergies: AllergiesStep,
  treatments: TreatmentsStep,
};

/** The health questionnaire: one short step at a time, saved as the patient goes. */
export function IntakePage() {
  const state = useApi((signal) => api.get<typeof IntakeState>('/api/portal/intake', undefined, signal), []);
  if (state.status === 'error' && !state.data)
    return (
      <ErrorAlert error={state.error} title="Could not open your questionnaire" onRetry={state.reload} />
    );
  if (!state.data) return <Loading label="Opening your questionnaire…" />;
  return <Questionnaire initial={state.data} />;
}

type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

function Questionnaire({ initial }: { initial: IntakeState }) {
  const [draft, setDraft] = useState<IntakeDraft>(() =>
    initial.status === 'submitted' ? draftFromRecord(initial.draft) : readDraft(initial.draft),
  );
  const [step, setStep] = useState<StepId>(() =>
    initial.status === 'draft' && isStepId(initial.step) ? initial.step : 'about',
  );
  const [mode, setMode] = useState<'submitted' | 'editing' | 'done'>(
    initial.status === 'submitted' ? 'submitted' : 'editing',
  );
  const [submittedAt, setSubmittedAt] = useState(initial.submittedAt);
  const [doneMessage, setDoneMessage] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>(initial.status === 'draft' ? 'saved' : 'idle');
  const [problems, setProblems] = useState<Problems>({});
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  // What to save, the save in flight, and whether anything changed since the last save.
  const latest = useRef({ draft, step });
  const dirty = useRef(false);
  const inFlight = useRef<Promise<unknown>>(Promise.resolve());
  const stopped = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const saveNow = useCallback(async () => {
    if (!dirty.current || stopped.current) return;
    dirty.current = false;
    setSave('saving');
    const request = inFlight.current.then(() =>
      api.put<typeof IntakeState>('/api/portal/intake', {
        draft: latest.current.draft,
        step: latest.current.step,
      }),
    );
    inFlight.current = request.catch(() => undefined);
    try {
      await request;
      if (!dirty.current) setSave('saved');
    } catch {
      dirty.current = true;
      setSave('error');
    }
  }, []);

  const change = useCallback((next: { draft?: IntakeDraft; step?: StepId }) => {
    latest.current = { ...latest.current, ...next };
    dirty.current = true;
    setSave('pending');
  }, []);

  useEffect(() => {
    if (save !== 'pending') return;
    const timer = setTimeout(() => void saveNow(), saveDelayMs);
    return () => clearTimeout(timer);
  }, [save, draft, step, saveNow]);

  // Closing the tab or switching apps: send what is not saved yet, so nothing is lost.
  useEffect(() => {
    const flush = () => {
      if (!dirty.current || stopped.current) return;
      dirty.current = false;
      void fetch('/api/portal/intake', {
        method: 'PUT',
        credentials: 'same-origin',
        keepalive: true,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ draft: latest.current.draft, step: latest.current.step }),
      }).catch(() => undefined);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  const update = useCallback(
    (fn: (d: IntakeDraft) => IntakeDraft) => {
      const next = fn(latest.current.draft);
      setDraft(next);
      change({ draft: next });
    },
    [change],
  );

  const focusTarget = useRef<string | null>(null);
  const goTo = (next: StepId, focusPath?: string) => {
    setStep(next);
    change({ step: next });
    focusTarget.current = focusPath ?? null;
  };

  useEffect(() => {
    const path = focusTarget.current;
    focusTarget.current = null;
    const target = path ? document.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`) : null;
    if (target) {
      target.scrollIntoView({ block: 'center' });
      target.querySelector<HTMLElement>('input, textarea, select')?.focus({ preventScroll: true });
    } else {
      window.scrollTo({ top: 0 });
      heading.current?.focus({ preventScroll: true });
    }
  }, [step]);

  async function submit() {
    setSubmitError(null);
    const { record, problems: found } = validate(latest.current.draft, todayIso());
    setProblems(found);
    const first = firstStepWithProblem(found);
    if (first) {
      goTo(
        first,
        Object.keys(found).find((p) => stepOfPath(p) === first),
      );
      return;
    }
    setSubmitting(true);
    stopped.current = true;
    try {
      await inFlight.current;
      const response = await api.post<typeof SubmitIntakeResponse>('/api/portal/intake/submit', { record });
      dirty.current = false;
      setDoneMessage(response.message);
      setSubmittedAt(response.submittedAt);
      setMode('done');
      window.scrollTo({ top: 0 });
    } catch (error) {
      stopped.current = false;
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && error.fields.length > 0) {
        const server = problemsFrom(error.fields);
        setProblems(server);
        const firstServer = firstStepWithProblem(server);
        if (firstServer)
          goTo(
            firstServer,
            Object.keys(server).find((p) => stepOfPath(p) === firstServer),
          );
      } else {
        setSubmitError(error);
      }
    } finally {
      setSubmitting(false);
    }
  }

  if (mode === 'done') {
    return (
      <Stack gap="lg">
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          Questionnaire sent
        </Title>
        <Alert color="green" variant="light" role="status" data-testid="intake-submitted">
          <Text>{doneMessage}</Text>
        </Alert>
        <Group>
          <AnchorLink to="/portal" size="md">
            Back to your page
          </AnchorLink>
          <AnchorLink to="/portal/consents" size="md">
            Consent forms
          </AnchorLink>
        </Group>
      </Stack>
    );
  }

  if (mode === 'submitted') {
    return (
      <Stack gap="lg">
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          Health questionnaire
        </Title>
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Text>
              You sent your questionnaire on <strong>{formatDate(submittedAt)}</strong>. Your provider will
              review your answers before your consultation.
            </Text>
            <Text size="sm" c="dimmed">
              Has something changed — a new medicine, a pregnancy, a recent treatment? Update your answers and
              send them again.
            </Text>
            <Button size="md" onClick={() => setMode('editing')}>
              Update my answers
            </Button>
          </Stack>
        </Paper>
        <AnchorLink to="/portal" size="md">
          Back to your page
        </AnchorLink>
      </Stack>
    );
  }

  const index = steps.findIndex((s) => s.id === step);
  const current = steps[index]!;
  const StepComponent = step === 'review' ? null : stepComponents[step];
  const problemCount = Object.keys(problems).filter((p) => stepOfPath(p) === step).length;

  return (
    <Stack gap="lg">
      <div>
        <Group justify="space-between" align="center" gap="xs" wrap="nowrap">
          <Text size="sm" fw={600} c="dimmed">
            Step {index + 1} of {steps.length}
          </Text>
          <SaveIndicator state={save} onRetry={() => void saveNow()} />
        </Group>
        <Progress
          value={((index + 1) / steps.length) * 100}
          size="sm"
          mt={6}
          aria-label={`Step ${index + 1} of ${steps.length}`}
        />
        <Title
          order={1}
          fz={{ base: 24, sm: 28 }}
          mt="md"
          ref={heading}
          tabIndex={-1}
          style={{ outline: 'none' }}
        >
          {current.title}
        </Title>
        {index === 0 ? (
          <Text mt={6}>
            These questions help your provider plan a safe treatment. It takes about 10 minutes. Your answers
            are saved as you go, so you can stop and come back later.
          </Text>
        ) : null}
      </div>

      {problemCount > 0 ? (
        <Alert color="red" variant="light" role="alert" data-testid="intake-problems">
          {problemCount === 1
            ? 'One answer on this page is missing or needs a change. It is marked below.'
            : `${problemCount} answers on this page are missing or need a change. They are marked below.`}
        </Alert>
      ) : null}

      <Stack gap="xl" component="section" aria-label={current.title}>
        {StepComponent ? (
          <StepComponent draft={draft} update={update} problems={problems} />
        ) : (
          <>
            <ReviewSummary draft={draft} problems={problems} onEdit={(id) => goTo(id)} />
            <Textarea
              size="md"
              label="Anything else your provider should know? (optional)"
              autosize
              minRows={3}
              value={draft.notes ?? ''}
              onChange={(e) => {
                const notes = e.currentTarget.value;
                update((d) => ({ ...d, notes }));
              }}
            />
            {submitError ? <ErrorAlert error={submitError} title="Your answers were not sent" /> : null}
          </>
        )}
      </Stack>

      <Group justify="space-between" gap="sm" wrap="nowrap">
        {index > 0 ? (
          <Button variant="default" size="md" onClick={() => goTo(steps[index - 1]!.id)}>
            Back
          </Button>
        ) : (
          <span />
        )}
        {step === 'review' ? (
          <Button size="md" onClick={() => void submit()} loading={submitting}>
            Send to the clinic
          </Button>
        ) : (
          <Button size="md" onClick={() => goTo(steps[index + 1]!.id)}>
            Next
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" ta="center">
        <AnchorLink to="/portal">Finish later</AnchorLink> — your answers are kept.
      </Text>
    </Stack>
  );
}

function SaveIndicator({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  return (
    <div role="status" aria-live="polite" data-testid="save-state" data-state={state}>
      {state === 'saving' || state === 'pending' ? (
        <Text size="sm" c="dimmed">
          Saving…
        </Text>
      ) : state === 'saved' ? (
        <Text size="sm" c="green.9" fw={600}>
          Saved
        </Text>
      ) : state === 'error' ? (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" c="red.8" fw={600}>
            Not saved
          </Text>
          <Button variant="subtle" size="compact-sm" onClick={onRetry}>
            Try again
          </Button>
        </Group>
      ) : null}
    </div>
  );
}
