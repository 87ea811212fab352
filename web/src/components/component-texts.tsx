import { createContext, useContext } from 'react';
import { messageOf } from '../lib/api';

/**
 * The few words the shared components say themselves (loading, try again, the demo notice). English unless the
 * portal's translations provide them in the patient's language; the components name no domain.
 */
export interface ComponentTexts {
  loading: string;
  tryAgain: string;
  somethingWrong: string;
  reference: (requestId: string) => string;
  demoBanner: string;
  /** A failed request in words (the portal's catalogs by error code; elsewhere the server's message). */
  errorMessage: (error: unknown) => string;
}

const english: ComponentTexts = {
  loading: 'Loading…',
  tryAgain: 'Try again',
  somethingWrong: 'Something went wrong',
  reference: (requestId) => `Reference: ${requestId}`,
  demoBanner:
    'Demo clinic: made-up patients and public demo sign-ins, for trying Needlepoint. Do not enter real patient data.',
  errorMessage: messageOf,
};

const TextsContext = createContext<ComponentTexts>(english);

export const ComponentTextsProvider = TextsContext.Provider;

export function useComponentTexts(): ComponentTexts {
  return useContext(TextsContext);
}
