import type { CheckIn, RednessTrend, SwellingLevel, SymptomFlag } from './check-in';

/** How the portal asks each yes/no sign (a short label people tick), grouped as the form shows them. */
export const symptomQuestions: Record<SymptomFlag, string> = {
  breathingDifficulty: 'Difficulty breathing',
  hives: 'Hives (raised, itchy welts)',
  visionChange: 'Any change in my vision',
  swellingNearEye: 'Swelling near an eye',
  confusionOrTwitching: 'Confusion or twitching',
  numbnessAroundMouth: 'Numbness or tingling around the mouth',
  metallicTaste: 'A metallic taste',
  ringingEars: 'Ringing in the ears',
  rednessSpreading: 'Redness spreading beyond the treated area',
  pus: 'Pus',
  honeyCrusts: 'Yellow or honey-coloured crusts',
  blisters: 'Blisters or small grouped sores',
  bleedingNotStopping: 'Bleeding that does not stop with 10 minutes of pressure',
  newBumps: 'New bumps, pimples or lumps',
  darkPatches: 'Darker patches of skin',
  trackMarks: 'Lines or track marks in the skin',
  itchOrRash: 'Itch or a rash',
  flaking: 'Flaking or peeling',
  dryness: 'Dry or tight skin',
};

/** `id` names the group's translation in the portal (`checkIn.group.<id>`). */
export const symptomGroups: { id: string; title: string; flags: SymptomFlag[] }[] = [
  {
    id: 'urgent',
    title: 'Urgent signs',
    flags: ['breathingDifficulty', 'hives', 'visionChange', 'swellingNearEye', 'confusionOrTwitching'],
  },
  {
    id: 'numbing',
    title: 'Since the numbing cream',
    flags: ['numbnessAroundMouth', 'metallicTaste', 'ringingEars'],
  },
  {
    id: 'skin',
    title: 'The treated skin',
    flags: ['rednessSpreading', 'pus', 'honeyCrusts', 'blisters', 'bleedingNotStopping'],
  },
  { id: 'later', title: 'Later changes', flags: ['newBumps', 'darkPatches', 'trackMarks', 'itchOrRash'] },
  { id: 'healing', title: 'Usual healing', flags: ['flaking', 'dryness'] },
];

export const rednessTrendLabels: Record<RednessTrend, string> = {
  better: 'Getting better',
  same: 'About the same',
  worse: 'Getting worse',
};

export const swellingLabels: Record<SwellingLevel, string> = {
  none: 'None',
  mild: 'Mild',
  moderate: 'Moderate',
  severe: 'Severe',
};

/** A short name for every field, for lists of unanswered questions and staff screens. */
export const checkInFieldLabels: Record<keyof CheckIn, string> = {
  ...symptomQuestions,
  daysSinceTreatment: 'Days since treatment',
  temperatureC: 'Temperature',
  rednessTrend: 'Redness trend',
  swelling: 'Swelling',
  painNow: 'Pain now',
  painDay1: 'Pain on day 1',
  notes: 'Notes',
};
