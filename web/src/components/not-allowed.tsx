import { Alert, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Shown instead of a page the signed-in role may not use; the page's data is never requested. */
export function NotAllowed({ children }: { children?: ReactNode }) {
  return (
    <Alert color="orange" variant="light" title="Not allowed" role="alert" data-testid="not-allowed">
      <Text size="sm">Your role does not allow this page. Ask the clinic owner if you need access.</Text>
      {children}
    </Alert>
  );
}
