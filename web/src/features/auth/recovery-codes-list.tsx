import { Button, CopyButton, Group, SimpleGrid, Text } from '@mantine/core';
import { useT } from '../../i18n/i18n';

/** The one-time recovery codes, shown once: copy or download them, then keep them somewhere safe. */
export function RecoveryCodesList({ codes, account }: { codes: string[]; account: string }) {
  const t = useT();
  const text = codes.join('\n');

  function download() {
    const body = `${t('security.codes.fileHeader', { account })}\n${t('security.codes.fileNote')}\n\n${text}\n`;
    const url = URL.createObjectURL(new Blob([body], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'needlepoint-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div>
      <SimpleGrid
        cols={2}
        spacing="xs"
        component="ol"
        data-testid="recovery-codes"
        aria-label={t('security.codes.label')}
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {codes.map((code) => (
          <Text
            key={code}
            component="li"
            ff="monospace"
            fz="md"
            style={{ letterSpacing: '0.05em', userSelect: 'all' }}
          >
            {code}
          </Text>
        ))}
      </SimpleGrid>
      <Group gap="xs" mt="sm">
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button variant="light" size="xs" onClick={copy}>
              {copied ? t('security.codes.copied') : t('security.codes.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="light" size="xs" onClick={download}>
          {t('security.codes.download')}
        </Button>
      </Group>
    </div>
  );
}
