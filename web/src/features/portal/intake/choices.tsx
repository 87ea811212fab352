import { useId, type ReactNode } from 'react';
import { Text } from '@mantine/core';
import { useT, type MessageKey } from '../../../i18n/i18n';
import type { YesNo } from './intake-model';
import classes from './choices.module.css';

/** An answer to choose, its words as keys of the `intake` catalog. */
export interface Option<V extends string> {
  value: V;
  label: MessageKey;
  hint?: MessageKey;
}

interface GroupProps {
  legend: ReactNode;
  description?: ReactNode;
  error?: string | undefined;
  /** Columns on a phone; wider screens keep the same. */
  columns?: number;
  /** The record path the question answers, so a problem can be scrolled to. */
  path?: string;
}

function Fieldset({
  legend,
  description,
  error,
  columns = 1,
  path,
  children,
}: GroupProps & { children: ReactNode }) {
  const id = useId();
  const describedBy = [description ? `${id}-d` : '', error ? `${id}-e` : ''].filter(Boolean).join(' ');
  return (
    <fieldset
      className={`${classes.fieldset} ${error ? classes.invalid : ''}`}
      aria-describedby={describedBy || undefined}
      aria-invalid={error ? true : undefined}
      data-path={path}
    >
      <legend className={classes.legend}>{legend}</legend>
      {description ? (
        <Text size="sm" c="dimmed" id={`${id}-d`}>
          {description}
        </Text>
      ) : null}
      {error ? (
        <Text size="sm" c="red.8" fw={600} mt={4} id={`${id}-e`} data-testid="question-error">
          {error}
        </Text>
      ) : null}
      <div className={classes.grid} style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
        {children}
      </div>
    </fieldset>
  );
}

function OptionText({ option }: { option: Option<string> }) {
  const t = useT();
  return (
    <span>
      {t(option.label)}
      {option.hint ? <span className={classes.hint}>{t(option.hint)}</span> : null}
    </span>
  );
}

/** One answer from a few: native radio buttons (arrow keys work), as large cards that are easy to tap. */
export function ChoiceGroup<V extends string>({
  options,
  value,
  onChange,
  ...group
}: GroupProps & { options: readonly Option<V>[]; value: V | undefined; onChange: (value: V) => void }) {
  const name = useId();
  return (
    <Fieldset {...group}>
      {options.map((option) => (
        <label key={option.value} className={classes.option}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <OptionText option={option} />
        </label>
      ))}
    </Fieldset>
  );
}

/** Any number of answers: checkboxes as cards. */
export function CheckGroup<V extends string>({
  options,
  value,
  onChange,
  ...group
}: GroupProps & { options: readonly Option<V>[]; value: readonly V[]; onChange: (value: V[]) => void }) {
  return (
    <Fieldset {...group}>
      {options.map((option) => (
        <label key={option.value} className={classes.option}>
          <input
            type="checkbox"
            value={option.value}
            checked={value.includes(option.value)}
            onChange={(e) =>
              onChange(
                e.currentTarget.checked ? [...value, option.value] : value.filter((v) => v !== option.value),
              )
            }
          />
          <OptionText option={option} />
        </label>
      ))}
    </Fieldset>
  );
}

const yesNoOptions: Option<YesNo>[] = [
  { value: 'yes', label: 'intake.yes' },
  { value: 'no', label: 'intake.no' },
  { value: 'unknown', label: 'intake.notSure' },
];

/** A yes/no question; "Not sure" is always offered and kept apart from "No". */
export function YesNoQuestion(
  props: GroupProps & { value: YesNo | undefined; onChange: (value: YesNo) => void },
) {
  return <ChoiceGroup {...props} options={yesNoOptions} columns={3} />;
}
