import type { IntakeRecordInput } from './intake-record';

const no = 'no' as const;

/**
 * A complete intake record where every question is answered "no" and every list "none": the clean starting point
 * that examples and tests change one answer of.
 */
export const allNoIntake: IntakeRecordInput = {
  kind: 'needlepoint.intake',
  version: 1,
  completedAt: '2026-06-01',
  patient: { birthDate: '1985-04-02', sexAtBirth: 'female' },
  pregnancy: { pregnant: no, breastfeeding: no },
  skin: {
    activeSkinInfection: no,
    currentColdSore: no,
    coldSoreHistory: no,
    activeAcne: no,
    keloidTendency: no,
    eczemaPsoriasisFlare: no,
    rosacea: no,
    suspiciousLesionInArea: no,
    sunburnOrTan: no,
  },
  health: {
    bleedingDisorder: no,
    immunosuppressed: no,
    diabetes: no,
    chemotherapy: no,
    radiotherapyInArea: no,
    autoimmuneConnectiveTissueDisease: no,
    implantedElectronicDevice: no,
    metalAllergy: no,
    anestheticAllergy: no,
  },
  conditions: { answer: 'none' },
  medications: { answer: 'none' },
  allergies: { answer: 'none' },
  recentTreatments: { answer: 'none' },
};
