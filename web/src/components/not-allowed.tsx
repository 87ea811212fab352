import { Alert, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** Shown instead of a page the signed-in role may not use; the page's data is never requested. */
export function NotAllowed({ children }: { children?: ReactNode }) {
  return (
    <Stack gap="sm" data-testid="not-allowed">
      <Title order={1} fz="h2">
        Not allowed
      </Title>
      <Alert color="orange" variant="light" role="alert">
        <Text size="sm">Your role does not allow this page. Ask the clinic owner if you need access.</Text>
        {children}
      </Alert>
    </Stack>
  );
}
