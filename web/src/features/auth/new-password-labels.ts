import { useErrorText, useT } from '../../i18n/i18n';
import type { NewPasswordLabels } from './new-password-form';

/** The form's words and the link problems' from the `auth` catalog, for pages inside the translations. */
export function useNewPasswordLabels(): NewPasswordLabels {
  const t = useT();
  const errorText = useErrorText();
  return {
    password: t('auth.newPassword.password'),
    passwordHint: (min) => t('auth.newPassword.hint', { min }),
    confirm: t('auth.newPassword.confirm'),
    tooShort: (min) => t('auth.newPassword.tooShort', { min }),
    mismatch: t('auth.newPassword.mismatch'),
    errorText,
    link: {
      expired: t('auth.link.expired'),
      used: t('auth.link.used'),
      invalid: t('auth.link.invalid'),
      failed: t('auth.link.failed'),
      usedAdvice: t('auth.link.usedAdvice'),
      newAdvice: t('auth.link.newAdvice'),
      sendNew: t('auth.link.sendNew'),
      goToSignIn: t('auth.goToSignIn'),
      errorText,
    },
  };
}
