import { useEffect, useState } from 'react';
import { Autocomplete, Text, type MantineSize } from '@mantine/core';
import type { DrugSuggestions } from '@needlepoint/core/contracts/portal';
import { api } from '../../lib/api';
import { chooseDrug, type DrugChoice, type Suggestion } from './drug-choice';

/**
 * The one medication type-ahead, for staff and patients: free text, with suggestions from the knowledge base's
 * drug vocabulary (brands and generics). Picking a suggestion keeps its RxNorm code, so screening matches the
 * medication by code; a name typed freely stays uncoded, and `uncodedHint` says so under the field.
 */
export function DrugTypeAhead({
  label,
  description,
  uncodedHint,
  value,
  onChange,
  error,
  size,
  required = false,
  autoFocus = false,
}: {
  label: string;
  description?: string | undefined;
  /** Shown under a name that is not coded (typed freely, or not in the vocabulary). */
  uncodedHint: string;
  value: DrugChoice;
  onChange: (value: DrugChoice) => void;
  error?: string | undefined;
  size?: MantineSize | undefined;
  required?: boolean;
  autoFocus?: boolean;
}) {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const query = value.name.trim();
  useEffect(() => {
    if (query.length < 2) {
      setSuggestions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.get<typeof DrugSuggestions>('/api/drugs', { q: query.slice(0, 60) }, controller.signal).then(
        (r) => setSuggestions(r.suggestions),
        () => setSuggestions([]),
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);
  const byName = new Map(suggestions.map((s) => [s.name, s]));
  const uncoded = query.length > 0 && !value.rxnorm;
  return (
    <div>
      <Autocomplete
        label={label}
        description={description}
        size={size}
        value={value.name}
        data={[...byName.keys()]}
        filter={({ options }) => options}
        onChange={(name) => onChange(chooseDrug(name, suggestions))}
        renderOption={({ option }) => {
          const s = byName.get(option.value);
          return (
            <div>
              <Text size={size ?? 'sm'}>{option.value}</Text>
              {s && s.generic.toLowerCase() !== s.name.toLowerCase() ? (
                <Text size="xs" c="dimmed">
                  {s.generic}
                </Text>
              ) : null}
            </div>
          );
        }}
        error={error}
        required={required}
        data-autofocus={autoFocus || undefined}
        autoComplete="off"
      />
      {uncoded && !error ? (
        <Text size="xs" c="dimmed" mt={4} data-testid="drug-uncoded">
          {uncodedHint}
        </Text>
      ) : null}
    </div>
  );
}
