import { useT } from '../../../i18n/i18n';
import { YesNoQuestion } from './choices';
import type { Question } from './intake-labels';
import type { IntakeDraft, YesNo } from './intake-model';

export interface StepProps {
  draft: IntakeDraft;
  update: (change: (draft: IntakeDraft) => IntakeDraft) => void;
  /** Problems by record path, in the patient's language. */
  problems: Record<string, string>;
}

export type Section = 'pregnancy' | 'skin' | 'health';

export function answerAt(draft: IntakeDraft, path: string): YesNo | undefined {
  const [section, key] = path.split('.') as [Section, string];
  return (draft[section] as Record<string, YesNo | undefined>)[key];
}

export function withAnswer(draft: IntakeDraft, path: string, value: YesNo): IntakeDraft {
  const [section, key] = path.split('.') as [Section, string];
  return { ...draft, [section]: { ...draft[section], [key]: value } };
}

export function Questions({ questions, draft, update, problems }: StepProps & { questions: Question[] }) {
  const t = useT();
  return (
    <>
      {questions.map((q) => (
        <YesNoQuestion
          key={q.path}
          path={q.path}
          legend={t(q.label)}
          description={q.description ? t(q.description) : undefined}
          value={answerAt(draft, q.path)}
          onChange={(value) => update((d) => withAnswer(d, q.path, value))}
          error={problems[q.path]}
        />
      ))}
    </>
  );
}
