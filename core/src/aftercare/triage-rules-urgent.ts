import type { TriageRule } from './triage.schema';

/**
 * The urgent triage rules (emergency, same day), as data (evidence.md sections 3 and 7). No microneedling-specific triage thresholds have been
 * published; section 7.3 is an expert synthesis anchored to the cited sources, so red flags are filed `expert`
 * unless a stronger source stands behind the sign itself. Where 7.3 says "same day or emergency", signs that can
 * threaten breathing, sight or the brain within hours are `emergency`; the rest are `same-day`.
 *
 */

export const emergencyRules: TriageRule[] = [
  {
    ruleId: 'breathing-difficulty',
    code: 'BREATHING_DIFFICULTY',
    title: 'Difficulty breathing',
    urgency: 'emergency',
    any: [{ kind: 'yes', field: 'breathingDifficulty' }],
    matchesText: 'Any difficulty breathing, on any day: possible anaphylaxis.',
    patientAdvice:
      'Difficulty breathing can be a severe allergic reaction. Call your local emergency number now; if you have an adrenaline auto-injector, use it.',
    staffAction:
      'Confirm emergency services were called; follow up the same day and record an adverse event.',
    evidenceLevel: 'expert',
    sources: ['S10'],
    evidenceSection: '7.3',
  },
  {
    ruleId: 'hives-with-swelling',
    code: 'HIVES_WITH_SWELLING',
    title: 'Hives with facial swelling',
    urgency: 'emergency',
    all: [
      { kind: 'yes', field: 'hives' },
      { kind: 'swelling', values: ['moderate', 'severe'] },
    ],
    matchesText: 'Hives together with moderate or severe swelling: possible anaphylaxis or angio-oedema.',
    patientAdvice:
      'Hives with swelling of the face can turn into a severe allergic reaction. Call your local emergency number now.',
    staffAction: 'Confirm emergency care; list every product applied in and after the session.',
    evidenceLevel: 'expert',
    sources: ['S10'],
    evidenceSection: '7.3',
  },
  {
    ruleId: 'anesthetic-toxicity',
    code: 'ANESTHETIC_TOXICITY',
    title: 'Signs of numbing-cream (local anaesthetic) toxicity',
    urgency: 'emergency',
    toDay: 0,
    any: [
      { kind: 'yes', field: 'numbnessAroundMouth' },
      { kind: 'yes', field: 'metallicTaste' },
      { kind: 'yes', field: 'ringingEars' },
    ],
    matchesText:
      'On the day of the session: numbness around the mouth, a metallic taste or ringing in the ears (early signs of local anaesthetic toxicity).',
    patientAdvice:
      'These can be early signs of too much numbing medicine in the blood. Wash off any numbing cream that is still on, and call your local emergency number now.',
    staffAction:
      'Confirm emergency care; record the anaesthetic agent, strength, grams, area and minutes on for the adverse-event report.',
    evidenceLevel: 'expert',
    sources: ['S68', 'S70'],
    evidenceSection: '3, 7.3',
  },
  {
    ruleId: 'confusion-or-twitching',
    code: 'CONFUSION_OR_TWITCHING',
    title: 'Confusion or twitching',
    urgency: 'emergency',
    any: [{ kind: 'yes', field: 'confusionOrTwitching' }],
    matchesText: 'Confusion, muscle twitching or a seizure, on any day (late sign of anaesthetic toxicity).',
    patientAdvice:
      'Confusion or twitching needs help at once. Call your local emergency number now and do not drive yourself.',
    staffAction: 'Confirm emergency care; record an adverse event with the anaesthetic details.',
    evidenceLevel: 'expert',
    sources: ['S68', 'S70'],
    evidenceSection: '3, 7.3',
  },
  {
    ruleId: 'vision-change',
    code: 'VISION_CHANGE',
    title: 'Change in vision',
    urgency: 'emergency',
    any: [{ kind: 'yes', field: 'visionChange' }],
    matchesText:
      'Any change in vision (blurring, loss, double vision), on any day: eye involvement or anaesthetic toxicity.',
    patientAdvice:
      'A change in your vision must be checked at once. Call your local emergency number or go to an emergency department now.',
    staffAction: 'Confirm emergency or eye-casualty care the same hour; record an adverse event.',
    evidenceLevel: 'expert',
    sources: ['S68'],
    evidenceSection: '7.3',
  },
  {
    ruleId: 'eye-swelling-with-infection-signs',
    code: 'EYE_SWELLING_WITH_INFECTION_SIGNS',
    title: 'Swelling near the eye with fever or spreading redness',
    urgency: 'emergency',
    all: [{ kind: 'yes', field: 'swellingNearEye' }],
    any: [
      { kind: 'at-least', field: 'temperatureC', value: 38, optionalAnswer: true },
      { kind: 'yes', field: 'rednessSpreading' },
    ],
    matchesText:
      'Swelling near the eye together with a temperature of 38 °C or more or spreading redness: possible orbital cellulitis.',
    patientAdvice:
      'Swelling around the eye with fever or spreading redness can be a serious infection. Go to an emergency department now.',
    staffAction: 'Confirm emergency assessment; record an adverse event.',
    evidenceLevel: 'expert',
    sources: ['S7'],
    evidenceSection: '7.2, 7.3',
  },
];

export const sameDayRules: TriageRule[] = [
  {
    ruleId: 'hives',
    code: 'HIVES',
    title: 'Hives',
    urgency: 'same-day',
    any: [{ kind: 'yes', field: 'hives' }],
    matchesText: 'Hives (raised itchy welts), without marked facial swelling: a hypersensitivity reaction.',
    patientAdvice:
      'Hives can be an allergic reaction. Stop putting any new product on your skin and call the clinic today.',
    staffAction: 'Call today; list products used in and after the session; consider an antihistamine plan.',
    evidenceLevel: 'expert',
    sources: ['S10'],
    evidenceSection: '7.3',
  },
  {
    ruleId: 'anesthetic-symptoms-late',
    code: 'ANESTHETIC_SYMPTOMS_LATE',
    title: 'Numbness, metallic taste or ringing ears after the session day',
    urgency: 'same-day',
    fromDay: 1,
    any: [
      { kind: 'yes', field: 'numbnessAroundMouth' },
      { kind: 'yes', field: 'metallicTaste' },
      { kind: 'yes', field: 'ringingEars' },
    ],
    matchesText:
      'From day 1: numbness around the mouth, a metallic taste or ringing in the ears. Not expected once the numbing cream is gone.',
    patientAdvice:
      'Numbness, a metallic taste or ringing in the ears is not expected now. Call the clinic today; if it gets worse or you feel faint or confused, call your local emergency number.',
    staffAction: 'Call today; ask about numbing products used at home and any nerve symptoms.',
    evidenceLevel: 'expert',
    sources: ['S68'],
    evidenceSection: '3, 7.3',
  },
  {
    ruleId: 'swelling-near-eye',
    code: 'SWELLING_NEAR_EYE',
    title: 'Swelling near the eye',
    urgency: 'same-day',
    any: [{ kind: 'yes', field: 'swellingNearEye' }],
    matchesText: 'Swelling near the eye (without fever or spreading redness).',
    patientAdvice:
      'Swelling near the eye needs a check today. Call the clinic, sleep with your head raised and use a cool compress. If your vision changes, call your local emergency number.',
    staffAction: 'Call today and see the patient if the swelling is firm, painful or one-sided.',
    evidenceLevel: 'expert',
    sources: ['S7', 'S8'],
    evidenceSection: '7.3',
  },
  {
    ruleId: 'fever',
    code: 'FEVER',
    title: 'Fever of 38 °C or more',
    urgency: 'same-day',
    any: [{ kind: 'at-least', field: 'temperatureC', value: 38, optionalAnswer: true }],
    matchesText:
      'A temperature of 38 °C or more. A temperature not measured is listed as unanswered but does not hold the check-in on its own: every local sign of infection is asked separately, and the advice asks the patient to measure it if they feel hot or unwell.',
    patientAdvice:
      'A temperature of 38 °C or more after treatment can mean an infection. Call the clinic today.',
    staffAction: 'Call today; see the patient the same day if the skin shows any sign of infection.',
    evidenceLevel: 'expert',
    sources: ['S7', 'S81'],
    evidenceSection: '7.2, 7.3',
  },
  {
    ruleId: 'spreading-redness',
    code: 'SPREADING_REDNESS',
    title: 'Spreading redness',
    urgency: 'same-day',
    any: [{ kind: 'yes', field: 'rednessSpreading' }],
    matchesText: 'Redness spreading beyond the treated area, on any day: possible cellulitis.',
    patientAdvice:
      'Redness that spreads beyond the treated area can be an infection. Call the clinic today. If it spreads fast or you feel unwell, go to urgent care.',
    staffAction: 'See the patient today; mark the edge of the redness and consider antibiotics.',
    evidenceLevel: 'expert',
    sources: ['S7'],
    evidenceSection: '7.2, 7.3',
  },
  {
    ruleId: 'pus-or-crusts',
    code: 'PUS_OR_CRUSTS',
    title: 'Pus or yellow (honey) crusts',
    urgency: 'same-day',
    any: [
      { kind: 'yes', field: 'pus' },
      { kind: 'yes', field: 'honeyCrusts' },
    ],
    matchesText: 'Pus, or yellow or honey-coloured crusts: bacterial infection (including impetigo).',
    patientAdvice:
      'Pus or yellow crusts can mean an infection. Do not squeeze or pick; keep the area clean and call the clinic today.',
    staffAction: 'See the patient today; swab before antibiotics (think of atypical mycobacteria later on).',
    evidenceLevel: 'expert',
    sources: ['S7', 'S81'],
    evidenceSection: '7.2, 7.3',
  },
  {
    ruleId: 'blisters',
    code: 'BLISTERS',
    title: 'Blisters (possible cold-sore flare)',
    urgency: 'same-day',
    any: [{ kind: 'yes', field: 'blisters' }],
    matchesText:
      'Blisters, grouped small blisters or punched-out sores, especially around the mouth: HSV reactivation.',
    patientAdvice:
      'Blisters after treatment can be a cold-sore (herpes) flare, which needs treatment early. Do not touch or burst them, and call the clinic today.',
    staffAction:
      'See the patient today; a prescriber decides on antiviral treatment; note HSV history and prophylaxis taken.',
    evidenceLevel: 'guideline',
    sources: ['S72', 'S38'],
    evidenceSection: '3, 7.2, 7.3',
  },
  {
    ruleId: 'pain-increasing',
    code: 'PAIN_INCREASING',
    title: 'Pain worse than on day 1',
    urgency: 'same-day',
    fromDay: 2,
    all: [{ kind: 'pain-increase', by: 1 }],
    matchesText:
      'From day 2: pain now higher than on day 1 (increasing tenderness), when pain should be settling.',
    patientAdvice:
      'Pain that gets worse after the first day is not expected and can mean an infection. Call the clinic today.',
    staffAction: 'Call today and look for infection or HSV.',
    evidenceLevel: 'expert',
    sources: ['S7'],
    evidenceSection: '7.1, 7.3',
  },
  {
    ruleId: 'pain-severe',
    code: 'PAIN_SEVERE',
    title: 'Severe pain',
    urgency: 'same-day',
    all: [{ kind: 'at-least', field: 'painNow', value: 7 }],
    matchesText: 'Pain of 7 or more out of 10, on any day.',
    patientAdvice: 'Severe pain is more than we expect after this treatment. Call the clinic today.',
    staffAction: 'Call today; look for infection, HSV or a burn.',
    evidenceLevel: 'expert',
    sources: ['S7', 'S48'],
    evidenceSection: '7.1, 7.3',
  },
  {
    ruleId: 'bleeding-not-stopping',
    code: 'BLEEDING_NOT_STOPPING',
    title: 'Bleeding that does not stop',
    urgency: 'same-day',
    any: [{ kind: 'yes', field: 'bleedingNotStopping' }],
    matchesText:
      'Bleeding that will not stop with 10 minutes of firm pressure (think of anticoagulant users). Pinpoint bleeding only belongs to the session itself.',
    patientAdvice:
      'Press firmly on the spot with clean gauze for 10 minutes without lifting. If it still bleeds, or bleeds heavily, go to urgent care; either way call the clinic today. Do not stop any prescribed medicine on your own.',
    staffAction: 'Call today; check the medication list for blood thinners and note any haematoma.',
    evidenceLevel: 'expert',
    sources: ['S76', 'S58'],
    evidenceSection: '5, 7.1, 7.3',
  },
  {
    ruleId: 'swelling-severe',
    code: 'SWELLING_SEVERE',
    title: 'Severe swelling',
    urgency: 'same-day',
    all: [{ kind: 'swelling', values: ['severe'] }],
    matchesText: 'Severe swelling on any day (mild to moderate swelling is expected for the first days).',
    patientAdvice:
      'Severe swelling is more than we expect. Call the clinic today; if your lips, tongue or throat swell or breathing is hard, call your local emergency number.',
    staffAction: 'Call today; ask about hives, new products and breathing.',
    evidenceLevel: 'expert',
    sources: ['S7', 'S8'],
    evidenceSection: '7.1, 7.3',
  },
  {
    ruleId: 'redness-worsening',
    code: 'REDNESS_WORSENING',
    title: 'Redness getting worse after day 2',
    urgency: 'same-day',
    fromDay: 3,
    all: [{ kind: 'redness-trend', values: ['worse'] }],
    matchesText:
      'From day 3: redness getting worse, when it should be fading (expected redness peaks in the first 1–2 days).',
    patientAdvice:
      'Redness that is getting worse after the first two days is not the usual pattern. Call the clinic today so we can check for infection or a reaction to a product.',
    staffAction: 'Call today; ask for a photo; look for infection or contact dermatitis.',
    evidenceLevel: 'expert',
    sources: ['S7', 'S102'],
    evidenceSection: '7.1, 7.3',
  },
];
