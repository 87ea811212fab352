import { z } from 'zod';
import { Severity } from './knowledge.schema';

/**
 * Clinic settings: where the sources disagree (evidence.md section 12 and facts marked "verify"), a rule reads
 * one of these instead of hard-coding a number. Each default is documented in `settingDocs` with its reason.
 */
export const ScreeningSettings = z.object({
  isotretinoinWaitMonths: z.number().int().min(0).max(24).default(6),
  topicalRetinoidHoldDays: z.number().int().min(0).max(30).default(5),
  neurotoxinIntervalDays: z.number().int().min(0).max(365).default(14),
  fillerIntervalDays: z.number().int().min(0).max(730).default(28),
  peelOrLaserIntervalDays: z.number().int().min(0).max(365).default(30),
  rosaceaSeverity: Severity.default('review'),
  keloidSeverity: Severity.default('review'),
  activeAcneSeverity: Severity.default('defer'),
  breastfeedingSeverity: Severity.default('review'),
  hba1cThresholdPercent: z.number().min(5).max(15).default(8),
  hba1cMaxAgeMonths: z.number().int().min(1).max(24).default(6),
  chemotherapyWindowMonths: z.number().int().min(0).max(60).default(6),
  radiotherapyDeferMonths: z.number().int().min(0).max(120).default(12),
  hsvHistoryLookbackYears: z.number().int().min(1).max(100).default(100),
  pregnancyStatusMaxAgeDays: z.number().int().min(0).max(365).default(30),
  breastfeedingStatusMaxAgeDays: z.number().int().min(0).max(730).default(90),
  childbearingAgeMin: z.number().int().min(8).max(20).default(12),
  childbearingAgeMax: z.number().int().min(40).max(70).default(55),
});
export type ScreeningSettings = z.infer<typeof ScreeningSettings>;
export type ScreeningSettingKey = keyof ScreeningSettings;

export const defaultScreeningSettings: ScreeningSettings = ScreeningSettings.parse({});

/** A clinic's overrides: the same settings, each optional and without a default (absent = use the default). */
export const ScreeningSettingOverrides = z
  .object(
    Object.fromEntries(
      Object.entries(ScreeningSettings.shape).map(([key, schema]) => [key, schema.unwrap().optional()]),
    ) as {
      [K in keyof typeof ScreeningSettings.shape]: z.ZodOptional<
        ReturnType<(typeof ScreeningSettings.shape)[K]['unwrap']>
      >;
    },
  )
  .strict();
export type ScreeningSettingOverrides = z.infer<typeof ScreeningSettingOverrides>;

/** Fills the defaults in; throws a ZodError on a bad value. */
export function resolveScreeningSettings(partial: Partial<ScreeningSettings> = {}): ScreeningSettings {
  return ScreeningSettings.parse(partial);
}

export interface SettingDoc {
  description: string;
  whyThisDefault: string;
  sources: string[];
}

export const settingDocs: Record<ScreeningSettingKey, SettingDoc> = {
  isotretinoinWaitMonths: {
    description:
      'Months after the last isotretinoin dose during which a clinician must decide before needling.',
    whyThisDefault:
      'The label says 6 months; 2017 consensus (JAMA Dermatol, ASDS) finds insufficient evidence to delay superficial procedures but does not name microneedling. Practice ranges 0-6 months; the default keeps the label.',
    sources: ['S12', 'S13', 'S14', 'S15', 'S16', 'S17'],
  },
  topicalRetinoidHoldDays: {
    description: 'Days between the last application of a topical retinoid and the session.',
    whyThisDefault:
      'Clinic pages say 2-7 days; Aust primed with vitamin A up to the day. Evidence file suggests 3-5.',
    sources: ['S78', 'S24'],
  },
  neurotoxinIntervalDays: {
    description: 'Days after botulinum toxin before needling the same area.',
    whyThisDefault: 'Consumer pages say 2 weeks; one spa says 3 months.',
    sources: ['S79', 'S77'],
  },
  fillerIntervalDays: {
    description: 'Days after dermal filler before needling the same area.',
    whyThisDefault: 'Consumer pages say 2-4 weeks (upper end kept); one spa says 12 months.',
    sources: ['S79', 'S77'],
  },
  peelOrLaserIntervalDays: {
    description: 'Days after a chemical peel, deep exfoliation or laser before needling.',
    whyThisDefault: 'Clinic lists say at least 30 days after a deep peel.',
    sources: ['S77'],
  },
  rosaceaSeverity: {
    description: 'How rosacea on record is treated: review (clinician decides), defer, or contraindicated.',
    whyThisDefault:
      'Clinic lists exclude rosacea, but a split-face RCT treated erythematotelangiectatic rosacea with MN + TXA; the evidence file advises a clinician decision, not an automatic exclusion.',
    sources: ['S77', 'S45'],
  },
  keloidSeverity: {
    description: 'How a keloid or hypertrophic-scar tendency is treated.',
    whyThisDefault:
      'Most clinic lists exclude it; studies treat keloid and hypertrophic scars with MN. Clinician review.',
    sources: ['S77', 'S2', 'S25'],
  },
  activeAcneSeverity: {
    description: 'How active inflammatory acne is treated.',
    whyThisDefault:
      'Clinic lists defer until the acne is treated; MN is used for acne in skin-of-colour studies.',
    sources: ['S77', 'S6'],
  },
  breastfeedingSeverity: {
    description: 'How breastfeeding is treated.',
    whyThisDefault:
      'Some sources see no specific contraindication; clinic lists exclude it. Clinician review.',
    sources: ['S88', 'S77'],
  },
  hba1cThresholdPercent: {
    description: 'HbA1c (%) at or above which diabetes counts as uncontrolled.',
    whyThisDefault:
      'Clinic lists defer "uncontrolled diabetes" without a number; 8% is a common clinical cut-off.',
    sources: ['S77'],
  },
  hba1cMaxAgeMonths: {
    description: 'An HbA1c older than this does not show current control.',
    whyThisDefault: 'HbA1c reflects about 3 months; 6 months allows for a routine testing interval.',
    sources: ['S77'],
  },
  chemotherapyWindowMonths: {
    description: 'Months after the last chemotherapy dose that still defer treatment.',
    whyThisDefault:
      'Sources say defer until finished and counts recovered, with no interval (a gap); 6 months is conservative.',
    sources: ['S77'],
  },
  radiotherapyDeferMonths: {
    description:
      'Months after radiotherapy to the area that defer treatment; older radiotherapy still needs review.',
    whyThisDefault: 'No data on the interval (a gap); 12 months defers, after that a clinician reviews.',
    sources: ['S77'],
  },
  hsvHistoryLookbackYears: {
    description: 'How far back a resolved cold-sore episode counts as HSV history.',
    whyThisDefault:
      'HSV-1 is latent for life; CMAC asks to screen every patient. Default: any time (100 years).',
    sources: ['S72'],
  },
  pregnancyStatusMaxAgeDays: {
    description: 'A recorded pregnancy status older than this is treated as unknown.',
    whyThisDefault: 'Pregnancy status changes within weeks; 30 days.',
    sources: ['S88'],
  },
  breastfeedingStatusMaxAgeDays: {
    description: 'A recorded breastfeeding status older than this is treated as unknown.',
    whyThisDefault: 'Breastfeeding lasts months; 90 days.',
    sources: ['S88'],
  },
  childbearingAgeMin: {
    description: 'From this age a patient who is not male is asked about pregnancy and breastfeeding.',
    whyThisDefault: 'Conservative lower bound.',
    sources: ['S88'],
  },
  childbearingAgeMax: {
    description: 'Up to this age a patient who is not male is asked about pregnancy and breastfeeding.',
    whyThisDefault: 'Conservative upper bound.',
    sources: ['S88'],
  },
};
