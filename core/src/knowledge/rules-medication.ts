import type { Rule } from './knowledge.schema';

const reviewed = '2026-11-25';

/**
 * Medications, supplements and recent treatments (evidence.md sections 3, 4, 4.1, 5).
 * Principle (section 5): never tell a patient to stop a prescribed antithrombotic or immunosuppressant;
 * raise a prescriber-clearance task instead. No action text here says "stop" or "discontinue".
 */
export const medicationRules: Rule[] = [
  {
    ruleId: 'anticoagulant',
    code: 'ANTICOAGULANT',
    title: 'Anticoagulant',
    matchesText: 'An anticoagulant (warfarin, DOAC, heparin) active or taken within the last 3 days.',
    match: { kind: 'records', medications: ['anticoagulant'], medicationWindow: { days: 3 } },
    severity: 'clearance',
    action:
      'Prescriber clearance: the patient keeps taking it as prescribed. For warfarin check the INR is in range (no procedure if INR > 3.5); consider shallower depth.',
    staffExplanation:
      'Dermatologic-surgery guidance continues warfarin for minor procedures; DOACs have little data, so the prescriber decides. Clinic lists that exclude these patients disagree.',
    patientExplanation:
      'Please keep taking your blood thinner as prescribed. We will check with your prescriber before treatment.',
    evidenceLevel: 'guideline',
    sources: ['S76', 'S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'antiplatelet',
    code: 'ANTIPLATELET',
    title: 'Antiplatelet',
    matchesText:
      'An antiplatelet (aspirin, clopidogrel, prasugrel, ticagrelor...) active or taken within the last 7 days.',
    match: { kind: 'records', medications: ['antiplatelet'], medicationWindow: { days: 7 } },
    severity: 'clearance',
    action:
      'Prescriber clearance: continue if medically needed. Only the prescriber may decide that aspirin taken for prevention alone is paused 7 days before.',
    staffExplanation:
      'Guidance continues medically needed antiplatelets for minor dermatologic procedures; expect more bruising and bleeding.',
    patientExplanation:
      'Please keep taking this medicine as prescribed. We will check with your prescriber before treatment.',
    evidenceLevel: 'guideline',
    sources: ['S76'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'nsaid',
    code: 'NSAID',
    title: 'NSAID painkiller',
    matchesText:
      'A non-aspirin NSAID (ibuprofen, naproxen, diclofenac...) active or taken within the last 3 days.',
    match: { kind: 'records', medications: ['nsaid'], medicationWindow: { days: 3 } },
    severity: 'precaution',
    action:
      'If the prescriber or pharmacist agrees, the patient avoids non-essential NSAIDs for a few days before; paracetamol can be used for pain.',
    staffExplanation: 'NSAIDs increase bruising and bleeding, more so with anticoagulants.',
    patientExplanation:
      'Painkillers like ibuprofen can increase bruising; ask us or your pharmacist about using paracetamol instead for a few days.',
    evidenceLevel: 'expert',
    sources: ['S76'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'bleeding-supplement',
    code: 'BLEEDING_SUPPLEMENT',
    title: 'Supplement that may increase bleeding',
    matchesText: 'Fish oil, vitamin E, ginkgo, garlic or ginseng taken now or within the last 7 days.',
    match: { kind: 'records', medications: ['bleeding-supplement'], medicationWindow: { days: 7 } },
    severity: 'precaution',
    action:
      'If the patient agrees, pause the supplement about 7 days before and for 24 h after (timing to verify).',
    staffExplanation:
      'These supplements may increase bleeding and bruising; evidence is weak (clinic pages, Mohs literature).',
    patientExplanation:
      'Some supplements can make bruising more likely; you may choose to pause them for a week before treatment.',
    evidenceLevel: 'clinic-page',
    sources: ['S78', 'S76'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'isotretinoin',
    code: 'ISOTRETINOIN',
    title: 'Isotretinoin (current or recent)',
    matchesText: 'Oral isotretinoin active or stopped within the clinic’s waiting period (default 6 months).',
    match: {
      kind: 'records',
      medications: ['isotretinoin'],
      medicationWindow: { setting: 'isotretinoinWaitMonths', unit: 'months' },
    },
    severity: 'review',
    settings: ['isotretinoinWaitMonths'],
    action:
      'Clinician decides whether to treat now or wait (label: 6 months; consensus: no proven need to delay superficial procedures).',
    staffExplanation:
      'The 6-month rule rests on small 1980s case series; 2017 consensus finds insufficient evidence to delay superficial procedures but does not name microneedling.',
    patientExplanation:
      'Because you take or recently took isotretinoin, a clinician will decide with you when treatment is best.',
    evidenceLevel: 'guideline',
    sources: ['S12', 'S13', 'S14', 'S15', 'S16', 'S17'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'topical-retinoid',
    code: 'TOPICAL_RETINOID',
    title: 'Topical retinoid',
    matchesText:
      'A topical retinoid (tretinoin, adapalene, tazarotene, retinol) in use or last used within the hold period.',
    match: {
      kind: 'records',
      medications: ['topical-retinoid'],
      medicationWindow: { setting: 'topicalRetinoidHoldDays', unit: 'days' },
    },
    severity: 'precaution',
    settings: ['topicalRetinoidHoldDays'],
    action:
      'Plan the session after the clinic’s hold period since the last application; if the retinoid is prescribed, agree any pause with the prescriber. Restart 7-10 days after.',
    staffExplanation:
      'Retinoids increase irritation after needling. Sources disagree: clinic pages hold 2-7 days, Aust primed with vitamin A up to the day.',
    patientExplanation:
      'Retinoid creams can make treated skin sore; we will tell you when to leave them off around your session.',
    evidenceLevel: 'clinic-page',
    sources: ['S78', 'S24'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'photosensitizer',
    code: 'PHOTOSENSITIZER',
    title: 'Photosensitising medicine',
    matchesText:
      'A photosensitising medicine (tetracyclines, thiazides, amiodarone, St John’s wort...) active or taken within 7 days.',
    match: { kind: 'records', medications: ['photosensitizer'], medicationWindow: { days: 7 } },
    severity: 'precaution',
    action:
      'Stricter sun protection before and after; consider scheduling outside summer. Keep taking prescribed medicines.',
    staffExplanation:
      'Photosensitisers raise sunburn and post-inflammatory pigmentation risk after treatment (expert advice, verify).',
    patientExplanation:
      'Your medicine makes skin more sensitive to sun; careful sun protection around treatment prevents dark marks.',
    evidenceLevel: 'expert',
    sources: ['S78', 'S7'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'immunosuppressant',
    code: 'IMMUNOSUPPRESSANT',
    title: 'Immunosuppressant, biologic or systemic steroid',
    matchesText:
      'A systemic immunosuppressant, biologic, JAK inhibitor or systemic corticosteroid active or taken within 30 days.',
    match: { kind: 'records', medications: ['immunosuppressant'], medicationWindow: { days: 30 } },
    severity: 'clearance',
    action: 'Physician / prescriber clearance before treatment; the patient keeps taking it as prescribed.',
    staffExplanation: 'These medicines raise infection risk and delay healing.',
    patientExplanation:
      'Please keep taking this medicine as prescribed. We will check with your doctor before treatment.',
    evidenceLevel: 'clinic-page',
    sources: ['S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'minoxidil',
    code: 'MINOXIDIL',
    title: 'Topical minoxidil (scalp treatment)',
    matchesText: 'Topical minoxidil in use, when the scalp is treated.',
    match: { kind: 'records', medications: ['minoxidil'], medicationWindow: { days: 1 } },
    areas: ['scalp'],
    severity: 'precaution',
    action:
      'Do not apply minoxidil on needling day; resume about 24 h after, as in the trial protocols (timing to verify).',
    staffExplanation:
      'Microchannels increase absorption; trials combine MN with minoxidil but separate them on the day.',
    patientExplanation: 'Leave minoxidil off on the day of treatment and restart it the next day.',
    evidenceLevel: 'rct',
    sources: ['S27', 'S28', 'S29'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'recent-neurotoxin',
    code: 'RECENT_NEUROTOXIN',
    title: 'Recent botulinum toxin',
    matchesText: 'Botulinum toxin within the clinic’s interval (default 14 days).',
    match: {
      kind: 'records',
      procedures: ['neurotoxin'],
      procedureWindow: { setting: 'neurotoxinIntervalDays', unit: 'days' },
    },
    severity: 'defer',
    settings: ['neurotoxinIntervalDays'],
    action: 'Schedule the session after the interval has passed.',
    staffExplanation:
      'Needling and massage may spread recently injected toxin. Sources say 2 weeks; one clinic says 3 months.',
    patientExplanation:
      'We will wait a little after your anti-wrinkle injections so the treatments do not interfere.',
    evidenceLevel: 'clinic-page',
    sources: ['S79', 'S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'recent-filler',
    code: 'RECENT_FILLER',
    title: 'Recent dermal filler',
    matchesText: 'Dermal filler within the clinic’s interval (default 28 days).',
    match: {
      kind: 'records',
      procedures: ['filler'],
      procedureWindow: { setting: 'fillerIntervalDays', unit: 'days' },
    },
    severity: 'defer',
    settings: ['fillerIntervalDays'],
    action: 'Schedule the session after the interval has passed.',
    staffExplanation:
      'Needling over fresh filler risks displacement and infection. Sources say 2-4 weeks; one clinic says 12 months.',
    patientExplanation: 'We will wait until your filler has settled before treating the same area.',
    evidenceLevel: 'clinic-page',
    sources: ['S79', 'S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'recent-peel-or-laser',
    code: 'RECENT_PEEL_OR_LASER',
    title: 'Recent chemical peel or laser',
    matchesText: 'A chemical peel, dermabrasion or laser within the clinic’s interval (default 30 days).',
    match: {
      kind: 'records',
      procedures: ['peel-or-laser'],
      procedureWindow: { setting: 'peelOrLaserIntervalDays', unit: 'days' },
    },
    severity: 'defer',
    settings: ['peelOrLaserIntervalDays'],
    action: 'Schedule the session after the interval has passed and the skin has fully recovered.',
    staffExplanation:
      'Skin needs to recover after resurfacing; clinic lists say at least 30 days after a deep peel.',
    patientExplanation: 'Your skin needs time to recover from the peel or laser before we needle it.',
    evidenceLevel: 'clinic-page',
    sources: ['S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'missing-information',
    code: 'MISSING_INFORMATION',
    title: 'Information missing for screening',
    matchesText:
      'The medication, condition or allergy list was not provided (absence of records is not "none"), or a record could not be read (e.g. a medication that names no medication).',
    match: { kind: 'missing-lists' },
    severity: 'review',
    action: 'Collect the missing information from the patient and re-screen before treatment.',
    staffExplanation:
      'Screening never assumes "none": a list that was not provided cannot rule anything out.',
    patientExplanation: 'We need a little more information from you before we can confirm treatment.',
    evidenceLevel: 'guideline',
    sources: ['S72', 'S77'],
    lastReviewed: reviewed,
  },
];
