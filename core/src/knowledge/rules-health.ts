import type { Rule } from './knowledge.schema';

const reviewed = '2026-11-25';

/** General health, pregnancy, allergies and devices (evidence.md sections 2, 4). */
export const healthRules: Rule[] = [
  {
    ruleId: 'bleeding-disorder',
    code: 'BLEEDING_DISORDER',
    title: 'Bleeding disorder',
    matchesText:
      'A bleeding disorder record (haemophilia, von Willebrand disease, thrombocytopenia...) or one reported at intake.',
    match: { kind: 'records', conditions: ['bleeding-disorder'], answers: ['bleedingDisorder'] },
    severity: 'clearance',
    action: 'Obtain haematology clearance before treatment and record the outcome.',
    staffExplanation: 'A bleeding disorder is an absolute exclusion without specialist clearance.',
    patientExplanation:
      'Because of your bleeding condition, we will ask your specialist to confirm treatment is safe.',
    evidenceLevel: 'clinic-page',
    sources: ['S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'pregnancy',
    code: 'PREGNANCY',
    title: 'Pregnancy',
    matchesText:
      'Pregnancy reported at intake, a recent pregnancy-status observation (LOINC 82810-3) of pregnant, or an active pregnancy record. Status is required for patients of child-bearing potential.',
    match: { kind: 'pregnancy' },
    requiresAnswer: 'pregnant',
    severity: 'defer',
    settings: ['pregnancyStatusMaxAgeDays', 'childbearingAgeMin', 'childbearingAgeMax'],
    action: 'Defer elective microneedling until after delivery.',
    staffExplanation: 'There are no safety data in pregnancy; the elective procedure is deferred.',
    patientExplanation:
      'Microneedling has not been studied in pregnancy, so we will wait until after your baby is born.',
    evidenceLevel: 'clinic-page',
    sources: ['S88', 'S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'breastfeeding',
    code: 'BREASTFEEDING',
    title: 'Breastfeeding',
    matchesText:
      'Breastfeeding reported at intake or a recent breastfeeding-status observation (LOINC 63895-7).',
    match: { kind: 'breastfeeding' },
    requiresAnswer: 'breastfeeding',
    severity: 'review',
    severitySetting: 'breastfeedingSeverity',
    settings: ['breastfeedingSeverity', 'breastfeedingStatusMaxAgeDays'],
    action:
      'Clinician review: avoid large topical anaesthetic doses and retinoids; no anaesthetic near the nipple.',
    staffExplanation:
      'Sources disagree: some see no specific contraindication, clinic lists exclude breastfeeding.',
    patientExplanation:
      'Treatment while breastfeeding is possible with some care; a clinician will go through it with you.',
    evidenceLevel: 'clinic-page',
    sources: ['S88', 'S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'immunosuppression',
    code: 'IMMUNOSUPPRESSION',
    title: 'Immunosuppression (HIV, transplant, immunodeficiency)',
    matchesText:
      'An HIV, organ-transplant or immunodeficiency record, or immunosuppression reported at intake.',
    match: { kind: 'records', conditions: ['immunodeficiency'], answers: ['immunosuppressed'] },
    severity: 'clearance',
    action: 'Obtain physician clearance before treatment and record the outcome.',
    staffExplanation: 'Immunosuppressed patients risk infection and delayed healing.',
    patientExplanation:
      'Because your immune system works differently, we will ask your doctor to confirm treatment is safe.',
    evidenceLevel: 'clinic-page',
    sources: ['S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'diabetes',
    code: 'DIABETES',
    title: 'Diabetes',
    matchesText:
      'An active diabetes mellitus record (SNOMED, ICD-10 E08-E13 or text), or diabetes reported at intake.',
    match: { kind: 'records', conditions: ['diabetes'], answers: ['diabetes'] },
    severity: 'precaution',
    action: 'Check current glycaemic control; watch healing and infection signs after treatment.',
    staffExplanation: 'Diabetes slows wound healing; uncontrolled diabetes defers treatment.',
    patientExplanation:
      'Diabetes can slow healing, so we will check how well it is controlled and watch your skin closely.',
    evidenceLevel: 'clinic-page',
    sources: ['S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'uncontrolled-diabetes',
    code: 'UNCONTROLLED_DIABETES',
    title: 'Uncontrolled diabetes (HbA1c at or above threshold)',
    matchesText:
      'For a diabetic patient, the latest HbA1c (LOINC 4548-4) within the look-back is at or above the clinic threshold; no HbA1c within the look-back gives MISSING_INFORMATION.',
    match: {
      kind: 'lab-threshold',
      loinc: '4548-4',
      condition: 'diabetes',
      thresholdSetting: 'hba1cThresholdPercent',
      maxAgeSetting: 'hba1cMaxAgeMonths',
    },
    severity: 'defer',
    settings: ['hba1cThresholdPercent', 'hba1cMaxAgeMonths'],
    action: 'Defer until diabetes is controlled; the patient’s diabetes team manages treatment.',
    staffExplanation: 'Poorly controlled diabetes impairs healing and raises infection risk.',
    patientExplanation:
      'Your recent sugar levels are high; healing is safer once they are better controlled.',
    evidenceLevel: 'clinic-page',
    sources: ['S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'chemotherapy',
    code: 'CHEMOTHERAPY',
    title: 'Chemotherapy (current or recent)',
    matchesText:
      'A cytotoxic chemotherapy medication or chemotherapy procedure, current or within the window, or chemotherapy reported at intake.',
    match: {
      kind: 'records',
      medications: ['chemotherapy'],
      medicationWindow: { setting: 'chemotherapyWindowMonths', unit: 'months' },
      procedures: ['chemotherapy'],
      procedureWindow: { setting: 'chemotherapyWindowMonths', unit: 'months' },
      answers: ['chemotherapy'],
    },
    severity: 'defer',
    settings: ['chemotherapyWindowMonths'],
    action: 'Defer until chemotherapy has finished and blood counts have recovered; oncology clearance.',
    staffExplanation: 'Chemotherapy brings infection risk and poor healing; no data give a safe interval.',
    patientExplanation: 'We will wait until your treatment has finished and your body has recovered.',
    evidenceLevel: 'clinic-page',
    sources: ['S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'active-malignancy',
    code: 'ACTIVE_MALIGNANCY',
    title: 'Active cancer (treatment current or planned?)',
    matchesText:
      'An active malignancy on the problem list (not skin cancer, which has its own rule): treatment may be current or planned.',
    match: { kind: 'records', conditions: ['malignancy'] },
    severity: 'review',
    action:
      'Ask whether chemotherapy or radiotherapy is current or planned; if so defer and ask for oncology clearance.',
    staffExplanation:
      'Chemotherapy, current or planned, brings infection risk and poor healing; an active cancer raises the question.',
    patientExplanation: 'We will check with you about your cancer treatment before confirming microneedling.',
    evidenceLevel: 'clinic-page',
    sources: ['S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'radiotherapy-area',
    code: 'RADIOTHERAPY_AREA',
    title: 'Radiotherapy to the treatment area',
    matchesText:
      'A radiotherapy procedure whose site lies in a requested area (unknown site: review), or reported at intake.',
    match: {
      kind: 'records',
      procedures: ['radiotherapy'],
      procedureWindow: { setting: 'radiotherapyDeferMonths', unit: 'months' },
      afterWindowSeverity: 'review',
      answers: ['radiotherapyInArea'],
      locationSensitive: true,
    },
    severity: 'defer',
    settings: ['radiotherapyDeferMonths'],
    action: 'Defer in the irradiated field; older radiotherapy needs clinician review of the skin.',
    staffExplanation: 'Irradiated skin heals poorly; there are no data on a safe interval (an evidence gap).',
    patientExplanation:
      'Skin that has had radiotherapy heals differently, so a clinician will decide whether it can be treated.',
    evidenceLevel: 'clinic-page',
    sources: ['S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'collagen-vascular-disease',
    code: 'COLLAGEN_VASCULAR_DISEASE',
    title: 'Collagen-vascular / autoimmune connective tissue disease',
    matchesText: 'A lupus, scleroderma, dermatomyositis or similar record, or reported at intake.',
    match: { kind: 'records', conditions: ['collagen-vascular'], answers: ['collagenVascularDisease'] },
    severity: 'review',
    severityByModality: { rf: 'defer' },
    action: 'Clinician review before treatment; RF microneedling is deferred pending specialist advice.',
    staffExplanation:
      'Connective tissue disease can affect healing and may flare; RF lists it as a contraindication.',
    patientExplanation:
      'Your condition can affect how skin heals, so a clinician will review it with you first.',
    evidenceLevel: 'clinic-page',
    sources: ['S77', 'S97'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'anesthetic-allergy',
    code: 'ANESTHETIC_ALLERGY',
    title: 'Allergy to topical / local anaesthetic',
    matchesText:
      'An active allergy to lidocaine, prilocaine, benzocaine, tetracaine or another local anaesthetic.',
    match: { kind: 'records', allergies: ['anesthetic'], answers: ['anestheticAllergy'] },
    severity: 'precaution',
    action: 'Do not use the implicated agent; choose another agent or none, and record the choice.',
    staffExplanation: 'Allergy to an anaesthetic is absolute for that agent.',
    patientExplanation: 'We will not use the numbing cream you reacted to and will discuss other options.',
    evidenceLevel: 'clinic-page',
    sources: ['S77', 'S71'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'metal-allergy',
    code: 'METAL_ALLERGY',
    title: 'Metal (nickel) allergy',
    matchesText: 'An active allergy to nickel or other needle metals; relevant for any needle modality.',
    match: { kind: 'records', allergies: ['metal'], answers: ['metalAllergy'] },
    modalities: ['mechanical', 'rf'],
    severity: 'precaution',
    action: 'Choose a needle cartridge of another metal (e.g. gold-plated or titanium) or patch test first.',
    staffExplanation:
      'Metal allergy is a risk factor for allergic contact dermatitis and granulomas after needling.',
    patientExplanation:
      'Because of your metal allergy we will use suitable needles or test a small spot first.',
    evidenceLevel: 'systematic-review',
    sources: ['S7', 'S77'],
    lastReviewed: reviewed,
  },
  {
    ruleId: 'implanted-electronic-device',
    code: 'IMPLANTED_ELECTRONIC_DEVICE',
    title: 'Implanted electronic device (pacemaker, defibrillator...)',
    matchesText:
      'A pacemaker / defibrillator / neurostimulator record or implant procedure, or reported at intake.',
    match: {
      kind: 'records',
      conditions: ['implanted-device'],
      conditionStatus: 'any',
      procedures: ['device-implant'],
      procedureWindow: 'ever',
      answers: ['implantedElectronicDevice'],
    },
    modalities: ['mechanical', 'rf'],
    requiresAnswer: 'implantedElectronicDevice',
    answerRequiredFor: ['rf'],
    severity: 'clearance',
    severityByModality: { rf: 'contraindicated', mechanical: 'clearance' },
    action: 'RF microneedling: do not treat. Mechanical microneedling: obtain cardiology advice first.',
    staffExplanation:
      'RF energy is absolutely contraindicated with implanted electronic devices; mechanical MN is generally acceptable after cardiology advice.',
    patientExplanation:
      'Because of your implanted device we cannot use radiofrequency; plain microneedling needs your cardiologist’s advice first.',
    evidenceLevel: 'clinic-page',
    sources: ['S97', 'S98'],
    lastReviewed: reviewed,
  },
];
