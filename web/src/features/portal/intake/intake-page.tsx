import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Group, Paper, Progress, Stack, Text, Textarea, Title } from '@mantine/core';
import type { IntakeState, SubmitIntakeResponse } from '@needlepoint/core/contracts/portal';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { AnchorLink } from '../../../components/router-links';
import { api, ApiError } from '../../../lib/api';
import { formatDate } from '../../../lib/format';
import { todayIso } from '../../../lib/clinic-time';
import { queryClient, useApiMutation, useApiQuery } from '../../../lib/query';
import { keys } from '../../../lib/query-keys';
import { AreaMessages, useT } from '../../../i18n/i18n';
import en from '../../../i18n/intake/en.json';
import es from '../../../i18n/intake/es.json';
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
import { AboutStep, ConcernsStep, HealthStep, PregnancyStep, SkinStep } from './intake-steps';
import { AllergiesStep, ConditionsStep, TreatmentsStep } from './history-steps';
import { MedicationsStep } from './medications-step';
import type { StepProps } from './step-questions';
import { ReviewSummary } from './intake-review';

const saveDelayMs = 800;

const intakeCatalogs = { en, es };

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

/** The health questionnaire: one short step at a time, saved as the patient goes, in the patient's language. */
export function IntakePage() {
  return (
    <AreaMessages catalogs={intakeCatalogs}>
      <Intake />
    </AreaMessages>
  );
}

function Intake() {
  const t = useT();
  const state = useApiQuery(keys.portal.intake, (signal) =>
    api.get<typeof IntakeState>('/api/portal/intake', undefined, signal),
  );
  // The questionnaire starts from what the server holds now, never from a copy cached on an earlier visit, and
  // stays open once started (a later read again does not replace what the patient is typing).
  const [openedAt] = useState(() => Date.now());
  if (state.data && state.dataUpdatedAt >= openedAt) return <Questionnaire initial={state.data} />;
  if (state.isError)
    return (
      <ErrorAlert error={state.error} title={t('intake.loadFailed')} onRetry={() => void state.refetch()} />
    );
  return <Loading label={t('intake.loading')} />;
}

type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

function Questionnaire({ initial }: { initial: IntakeState }) {
  const t = useT();
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
  const [save, setSave] = useState<SaveState>(initial.status === 'draft' ? 'saved' : 'idle');
  const [problems, setProblems] = useState<Problems>({});
  const problemTexts = useMemo(
    () => Object.fromEntries(Object.entries(problems).map(([path, key]) => [path, t(key)])),
    [problems, t],
  );
  const [submitError, setSubmitError] = useState<unknown>(null);

  // What to save, the save in flight, and whether anything changed since the last save.
  const latest = useRef({ draft, step });
  const dirty = useRef(false);
  const inFlight = useRef<Promise<unknown>>(Promise.resolve());
  const stopped = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // Sent after the last draft save; the screening it starts can change which times the patient may book.
  const send = useApiMutation({
    mutationFn: async (record: unknown) => {
      await inFlight.current;
      return api.post<typeof SubmitIntakeResponse>('/api/portal/intake/submit', { record });
    },
    invalidates: [keys.portal.intake, keys.portal.slots],
  });

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
      // The home page's to-do shows the saved draft without reading it again.
      queryClient.setQueryData(keys.portal.intake, await request);
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
    stopped.current = true;
    try {
      const response = await send.mutateAsync(record);
      dirty.current = false;
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
    }
  }

  if (mode === 'done') {
    return (
      <Stack gap="lg">
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          {t('intake.sent.title')}
        </Title>
        <Alert color="green" variant="light" role="status" data-testid="intake-submitted">
          <Text>{t('intake.sent.thanks')}</Text>
        </Alert>
        <Group>
          <AnchorLink to="/portal" size="md">
            {t('intake.backHome')}
          </AnchorLink>
          <AnchorLink to="/portal/consents" size="md">
            {t('intake.consentForms')}
          </AnchorLink>
        </Group>
      </Stack>
    );
  }

  if (mode === 'submitted') {
    return (
      <Stack gap="lg">
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          {t('intake.title')}
        </Title>
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Text>
              {t.rich('intake.submitted.text', {
                date: formatDate(submittedAt),
                b: (chunks) => <strong>{chunks}</strong>,
              })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('intake.submitted.changed')}
            </Text>
            <Button size="md" onClick={() => setMode('editing')}>
              {t('intake.submitted.update')}
            </Button>
          </Stack>
        </Paper>
        <AnchorLink to="/portal" size="md">
          {t('intake.backHome')}
        </AnchorLink>
      </Stack>
    );
  }

  const index = steps.findIndex((s) => s.id === step);
  const current = steps[index]!;
  const title = t(current.title);
  const stepOf = t('intake.stepOf', { step: index + 1, total: steps.length });
  const StepComponent = step === 'review' ? null : stepComponents[step];
  const problemCount = Object.keys(problems).filter((p) => stepOfPath(p) === step).length;

  return (
    <Stack gap="lg">
      <div>
        <Group justify="space-between" align="center" gap="xs" wrap="nowrap">
          <Text size="sm" fw={600} c="dimmed">
            {stepOf}
          </Text>
          <SaveIndicator state={save} onRetry={() => void saveNow()} />
        </Group>
        <Progress value={((index + 1) / steps.length) * 100} size="sm" mt={6} aria-label={stepOf} />
        <Title
          order={1}
          fz={{ base: 24, sm: 28 }}
          mt="md"
          ref={heading}
          tabIndex={-1}
          style={{ outline: 'none' }}
        >
          {title}
        </Title>
        {index === 0 ? <Text mt={6}>{t('intake.intro')}</Text> : null}
      </div>

      {problemCount > 0 ? (
        <Alert color="red" variant="light" role="alert" data-testid="intake-problems">
          {t('intake.problemsOnPage', { count: problemCount })}
        </Alert>
      ) : null}

      <Stack gap="xl" component="section" aria-label={title}>
        {StepComponent ? (
          <StepComponent draft={draft} update={update} problems={problemTexts} />
        ) : (
          <>
            <ReviewSummary draft={draft} problems={problems} onEdit={(id) => goTo(id)} />
            <Textarea
              size="md"
              label={t('intake.notes')}
              autosize
              minRows={3}
              value={draft.notes ?? ''}
              onChange={(e) => {
                const notes = e.currentTarget.value;
                update((d) => ({ ...d, notes }));
              }}
            />
            {submitError ? <ErrorAlert error={submitError} title={t('intake.notSent')} /> : null}
          </>
        )}
      </Stack>

      <Group justify="space-between" gap="sm" wrap="nowrap">
        {index > 0 ? (
          <Button variant="default" size="md" onClick={() => goTo(steps[index - 1]!.id)}>
            {t('intake.back')}
          </Button>
        ) : (
          <span />
        )}
        {step === 'review' ? (
          <Button size="md" onClick={() => void submit()} loading={send.isPending}>
            {t('intake.send')}
          </Button>
        ) : (
          <Button size="md" onClick={() => goTo(steps[index + 1]!.id)}>
            {t('intake.next')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" ta="center">
        {t.rich('intake.finishLater', {
          link: (chunks) => <AnchorLink to="/portal">{chunks}</AnchorLink>,
        })}
      </Text>
    </Stack>
  );
}

function SaveIndicator({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const t = useT();
  return (
    <div role="status" aria-live="polite" data-testid="save-state" data-state={state}>
      {state === 'saving' || state === 'pending' ? (
        <Text size="sm" c="dimmed">
          {t('intake.save.saving')}
        </Text>
      ) : state === 'saved' ? (
        <Text size="sm" c="green.9" fw={600}>
          {t('intake.save.saved')}
        </Text>
      ) : state === 'error' ? (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" c="red.8" fw={600}>
            {t('intake.save.notSaved')}
          </Text>
          <Button variant="subtle" size="compact-sm" onClick={onRetry}>
            {t('intake.save.tryAgain')}
          </Button>
        </Group>
      ) : null}
    </div>
  );
}
