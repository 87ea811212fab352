import { Alert, Button, Text } from '@mantine/core';
import { ApiError } from '../lib/api';
import { useComponentTexts } from './component-texts';

/** A failed request, in words: the server's message, and its error code and request id for support. Never a stack. */
export function ErrorAlert({
  error,
  title,
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const texts = useComponentTexts();
  const requestId = error instanceof ApiError ? error.requestId : null;
  const code = error instanceof ApiError && error.code !== 'NETWORK' ? error.code : null;
  return (
    <Alert
      color="red"
      title={title ?? texts.somethingWrong}
      role="alert"
      variant="light"
      data-error-code={code ?? undefined}
    >
      <Text size="sm">{texts.errorMessage(error)}</Text>
      {requestId || code ? (
        <Text size="xs" c="dimmed" mt={4}>
          {[code, requestId ? texts.reference(requestId) : null].filter(Boolean).join(' · ')}
        </Text>
      ) : null}
      {onRetry ? (
        <Button variant="default" size="xs" mt="sm" onClick={onRetry}>
          {texts.tryAgain}
        </Button>
      ) : null}
    </Alert>
  );
}
