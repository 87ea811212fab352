import { useEffect, useState } from 'react';
import { Autocomplete } from '@mantine/core';
import type { DrugSuggestions } from '@needlepoint/core/contracts/portal';
import { api } from '../../lib/api';

/**
 * A medication name: free text, with suggestions from the knowledge base's drug vocabulary (brands and generics),
 * so the names screening knows are one keystroke away.
 */
export function DrugNameInput({
  label,
  description,
  value,
  onChange,
  error,
}: {
  label: string;
  description?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const [options, setOptions] = useState<string[]>([]);
  useEffect(() => {
    const query = value.trim();
    if (query.length < 2) {
      setOptions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.get<typeof DrugSuggestions>('/api/drugs', { q: query.slice(0, 60) }, controller.signal).then(
        (result) =>
          setOptions([
            ...new Set(
              result.suggestions.map((s) => (s.name === s.generic ? s.name : `${s.name} (${s.generic})`)),
            ),
          ]),
        () => undefined,
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value]);
  return (
    <Autocomplete
      label={label}
      description={description}
      value={value}
      onChange={onChange}
      data={options}
      error={error}
      required
      data-autofocus
    />
  );
}
