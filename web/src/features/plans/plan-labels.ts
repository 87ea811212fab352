/** Plan words that are not statuses (those are in `features/staff-shared.ts`). */

export const zoneLabels: Record<string, string> = {
  forehead: 'Forehead',
  periorbital: 'Around the eyes',
  nose: 'Nose',
  perioral: 'Around the mouth',
  cheeks: 'Cheeks',
  'chin-jaw': 'Chin and jaw',
  neck: 'Neck',
  chest: 'Chest',
  hands: 'Hands',
  scalp: 'Scalp',
  body: 'Body',
};

export const outcomeScaleLabels: Record<string, string> = {
  'goodman-baron': 'Goodman & Baron acne scar grading',
  ecca: 'ECCA acne scar scale',
  posas: 'POSAS scar assessment',
  vss: 'Vancouver Scar Scale',
  gais: 'Global Aesthetic Improvement Scale',
  mmasi: 'mMASI (melasma)',
  pahpi: 'PAHPI',
  iga: 'Investigator’s Global Assessment',
  cea: 'CEA',
  vasi: 'VASI (vitiligo)',
  salt: 'SALT (alopecia)',
  'hair-count': 'Hair count',
};

export const adjunctLabels: Record<string, string> = {
  prp: 'PRP',
  'tranexamic-acid': 'Tranexamic acid',
  minoxidil: 'Minoxidil',
  triamcinolone: 'Triamcinolone',
  '5-fluorouracil': '5-fluorouracil',
};

/** What a transition is called on its button. */
export const transitionLabels: Record<string, string> = {
  active: 'Activate',
  paused: 'Pause',
  completed: 'Complete',
  cancelled: 'Cancel plan',
};
