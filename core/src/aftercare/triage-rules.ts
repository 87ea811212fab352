import { emergencyRules, sameDayRules } from './triage-rules-urgent';
import type { TriageRule } from './triage.schema';

/**
 * The triage rules, as data (evidence.md sections 6 and 7): the urgent ones in triage-rules-urgent.ts, the
 * slower ones and the reassurances here. Change a rule: change its case in triage.test.ts and bump the version.
 */
export const triageRulesVersion = '2026.12.1';

const soonRules: TriageRule[] = [
  {
    ruleId: 'redness-persisting',
    code: 'REDNESS_PERSISTING',
    title: 'Redness not fading by day 5',
    urgency: 'soon',
    fromDay: 5,
    all: [{ kind: 'redness-trend', values: ['same'] }],
    matchesText:
      'From day 5: redness the same, not fading. Expected redness lasts 1–3 days, up to 5–7 (S7 gives 7 days as the upper end).',
    patientAdvice:
      'Redness usually fades within about five days. Yours is not fading yet, so the clinic would like to check it in the next few days. Keep using a gentle moisturiser and sunscreen.',
    staffAction:
      'Arrange a review within a few days (a photo may do); look for contact dermatitis or infection.',
    evidenceLevel: 'systematic-review',
    sources: ['S7', 'S102', 'S78'],
    evidenceSection: '7.1, 7.3, 12.6',
  },
  {
    ruleId: 'swelling-persisting',
    code: 'SWELLING_PERSISTING',
    title: 'Moderate swelling after day 3',
    urgency: 'soon',
    fromDay: 4,
    all: [{ kind: 'swelling', values: ['moderate'] }],
    matchesText:
      'From day 4: moderate swelling. Expected swelling settles within the first days (severe swelling is same-day on any day).',
    patientAdvice:
      'Swelling usually settles in the first three days. The clinic would like to check yours in the next few days. Sleep with your head raised and use cool compresses.',
    staffAction:
      'Review within a few days; look for infection, contact dermatitis or a granulomatous reaction.',
    evidenceLevel: 'systematic-review',
    sources: ['S7', 'S8'],
    evidenceSection: '7.1',
  },
  {
    ruleId: 'new-bumps-late',
    code: 'NEW_BUMPS_LATE',
    title: 'New firm bumps days to weeks later',
    urgency: 'soon',
    fromDay: 3,
    any: [{ kind: 'yes', field: 'newBumps' }],
    matchesText:
      'From day 3: new firm red bumps or lumps. Granulomas appear days to weeks after treatment (3–7 days in case reports, up to 12 weeks); atypical mycobacterial infection has a mean incubation of about 3 weeks.',
    patientAdvice:
      'New firm bumps days or weeks after treatment need to be seen by the clinic. Please book a visit in the next few days and do not squeeze them.',
    staffAction:
      'See within days; ask about serums or products applied; consider granuloma or atypical mycobacteria (biopsy and culture).',
    evidenceLevel: 'systematic-review',
    sources: ['S9', 'S10', 'S11', 'S94', 'S81'],
    evidenceSection: '7.2, 7.3',
  },
  {
    ruleId: 'dark-patches',
    code: 'DARK_PATCHES',
    title: 'Darkening patches (possible PIH)',
    urgency: 'soon',
    any: [{ kind: 'yes', field: 'darkPatches' }],
    matchesText:
      'Darkening patches in the treated area: post-inflammatory hyperpigmentation (more common in darker skin).',
    patientAdvice:
      'Dark patches can appear after inflammation and usually fade, faster with care. Use sunscreen SPF 30 or more every day and avoid the sun; the clinic will check it in the next few days.',
    staffAction: 'Review within days; plan PIH care and adjust settings for the next session.',
    evidenceLevel: 'systematic-review',
    sources: ['S7', 'S53'],
    evidenceSection: '7.2, 9',
  },
  {
    ruleId: 'track-marks',
    code: 'TRACK_MARKS',
    title: 'Linear track marks (tram-track)',
    urgency: 'soon',
    any: [{ kind: 'yes', field: 'trackMarks' }],
    matchesText: 'Lines or tracks in the skin following the needle path (tram-track marks or scarring).',
    patientAdvice:
      'Lines in the skin along the treatment path should be seen by the clinic. Book a visit in the next few days; protect the area from the sun.',
    staffAction: 'Review within days with photos; note the device and passes used.',
    evidenceLevel: 'systematic-review',
    sources: ['S7', 'S53'],
    evidenceSection: '2, 7.2',
  },
  {
    ruleId: 'itch-or-rash',
    code: 'ITCH_OR_RASH',
    title: 'Itch or rash (possible contact dermatitis)',
    urgency: 'soon',
    any: [{ kind: 'yes', field: 'itchOrRash' }],
    matchesText: 'Itch or a rash: irritant or allergic contact dermatitis (products, anaesthetic, metal).',
    patientAdvice:
      'An itchy rash can be a reaction to a product. Stop any new products except a plain moisturiser, do not scratch, and the clinic will check it in the next few days.',
    staffAction: 'Review within days; list products and metals; consider patch testing.',
    evidenceLevel: 'systematic-review',
    sources: ['S7', 'S69'],
    evidenceSection: '7.2',
  },
];

/** Not urgent, but a person should read it: early bumps, early worsening, a note, unanswered questions. */
const routineRules: TriageRule[] = [
  {
    ruleId: 'redness-worse-early',
    code: 'REDNESS_WORSE_EARLY',
    title: 'Redness worse on day 1–2',
    urgency: 'routine',
    fromDay: 1,
    toDay: 2,
    all: [{ kind: 'redness-trend', values: ['worse'] }],
    matchesText:
      'Days 1–2: redness worse than before. It can still peak in this time, so it is reviewed, not escalated.',
    patientAdvice:
      'Redness can still increase a little in the first two days. The clinic will look at your answers; check in again tomorrow, and call us if it spreads or you get a fever.',
    staffAction: 'Read at the next review; make sure the next check-in arrives.',
    evidenceLevel: 'systematic-review',
    sources: ['S7', 'S78'],
    evidenceSection: '7.1',
  },
  {
    ruleId: 'new-bumps-early',
    code: 'NEW_BUMPS_EARLY',
    title: 'New pimples or bumps in the first days',
    urgency: 'routine',
    toDay: 2,
    any: [{ kind: 'yes', field: 'newBumps' }],
    matchesText:
      'Days 0–2: new pimples or small bumps (acne flare or milia, often from heavy aftercare products).',
    patientAdvice:
      'Small pimples in the first days can come from heavy creams. Use a light, plain moisturiser and do not squeeze them.',
    staffAction: 'Read at the next review; check the aftercare products.',
    evidenceLevel: 'clinic-page',
    sources: ['S22'],
    evidenceSection: '7.2',
  },
  {
    ruleId: 'patient-note',
    code: 'PATIENT_NOTE',
    title: 'The patient wrote a note',
    urgency: 'routine',
    all: [{ kind: 'note' }],
    matchesText: 'Any free-text note: the software does not read it, so a person does.',
    patientAdvice: 'The clinic will read your note. If it is urgent, please call the clinic.',
    staffAction: 'Read the note; it may change the urgency.',
    evidenceLevel: 'clinic-policy',
    sources: [],
    evidenceSection: '7.3',
  },
  {
    ruleId: 'answers-missing',
    code: 'ANSWERS_MISSING',
    title: 'Safety questions not answered',
    urgency: 'routine',
    all: [{ kind: 'unanswered' }],
    matchesText:
      'An answer is missing or "not sure" where it could have raised the urgency: the check-in is never called normal healing on a guess.',
    patientAdvice:
      'Some questions were not answered, so we cannot tell whether everything is as expected. The clinic will look at your check-in; if you have any of the signs you skipped, call the clinic today.',
    staffAction: 'Read the check-in and ask the patient the unanswered questions.',
    evidenceLevel: 'clinic-policy',
    sources: [],
    evidenceSection: '7.3',
  },
];

/** Normal healing: reasons shown only when nothing else is found, as reassurance (evidence.md 6, 7.1). */
const expectedRules: TriageRule[] = [
  {
    ruleId: 'expected-redness',
    code: 'EXPECTED_REDNESS',
    title: 'Redness in the first days',
    urgency: 'expected',
    toDay: 4,
    all: [{ kind: 'redness-trend', values: ['better', 'same'] }],
    matchesText: 'Days 0–4: redness fading or steady.',
    patientAdvice:
      'Redness, warmth and a sunburn-like feeling are normal for the first days and usually fade within about five days.',
    staffAction: 'Nothing to do.',
    evidenceLevel: 'systematic-review',
    sources: ['S7', 'S8', 'S102'],
    evidenceSection: '7.1',
  },
  {
    ruleId: 'expected-swelling',
    code: 'EXPECTED_SWELLING',
    title: 'Mild or moderate swelling in the first days',
    urgency: 'expected',
    toDay: 3,
    all: [{ kind: 'swelling', values: ['mild', 'moderate'] }],
    matchesText: 'Days 0–3: mild or moderate swelling.',
    patientAdvice:
      'Some swelling in the first days is normal. Sleeping with your head a little raised helps it settle.',
    staffAction: 'Nothing to do.',
    evidenceLevel: 'systematic-review',
    sources: ['S7', 'S8'],
    evidenceSection: '7.1',
  },
  {
    ruleId: 'expected-flaking',
    code: 'EXPECTED_FLAKING',
    title: 'Flaking or dryness',
    urgency: 'expected',
    any: [
      { kind: 'yes', field: 'flaking' },
      { kind: 'yes', field: 'dryness' },
    ],
    matchesText: 'Flaking or dryness (usual on days 2–7).',
    patientAdvice:
      'Flaking and dryness are part of healing. Use a plain moisturiser and let the flakes come off by themselves; do not pick or scrub.',
    staffAction: 'Nothing to do.',
    evidenceLevel: 'systematic-review',
    sources: ['S7', 'S78'],
    evidenceSection: '6, 7.1',
  },
  {
    ruleId: 'expected-pain',
    code: 'EXPECTED_PAIN',
    title: 'Mild soreness',
    urgency: 'expected',
    all: [
      { kind: 'at-least', field: 'painNow', value: 1 },
      { kind: 'at-most', field: 'painNow', value: 6 },
    ],
    matchesText:
      'Pain from 1 to 6 out of 10 that is not increasing (increase and severe pain have their own rules).',
    patientAdvice: 'Some tenderness is normal and should ease day by day.',
    staffAction: 'Nothing to do.',
    evidenceLevel: 'systematic-review',
    sources: ['S7'],
    evidenceSection: '7.1',
  },
];

export const triageRules: TriageRule[] = [
  ...emergencyRules,
  ...sameDayRules,
  ...soonRules,
  ...routineRules,
  ...expectedRules,
];
