import type { ReactNode } from 'react';
import { Paper } from '@mantine/core';

/** A bordered section of a page, named by its heading (the element with id `titleId` inside it). */
export function SectionCard({ titleId, children }: { titleId: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby={titleId}>
      {children}
    </Paper>
  );
}
