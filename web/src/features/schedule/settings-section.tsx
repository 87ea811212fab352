import { Title } from '@mantine/core';
import { SectionCard } from '../../components/section-card';

export function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <SectionCard titleId={id}>
      <Title order={2} fz="lg" id={id} mb="md">
        {title}
      </Title>
      {children}
    </SectionCard>
  );
}
