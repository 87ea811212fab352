import type { AnswerKey } from './knowledge.schema';

/** How each intake answer is named to staff (in MISSING_INFORMATION findings and reports). */
export const answerLabels: Record<AnswerKey, string> = {
  activeSkinInfection: 'active skin infection in the area',
  activeHsv: 'current cold sore',
  hsvHistory: 'history of cold sores (HSV)',
  activeAcne: 'active acne in the area',
  keloidTendency: 'keloid or raised-scar tendency',
  bleedingDisorder: 'bleeding disorder',
  pregnant: 'pregnancy status',
  breastfeeding: 'breastfeeding status',
  immunosuppressed: 'immunosuppression',
  diabetes: 'diabetes',
  chemotherapy: 'chemotherapy (current or planned)',
  radiotherapyInArea: 'radiotherapy to the area',
  dermatosisFlare: 'eczema / psoriasis / dermatitis flare in the area',
  rosacea: 'rosacea',
  vitiligoUnstable: 'vitiligo with new or enlarging patches',
  skinCancerInArea: 'skin cancer or suspicious lesion in the area',
  collagenVascularDisease: 'lupus, scleroderma or other connective tissue disease',
  anestheticAllergy: 'allergy to local anaesthetics',
  metalAllergy: 'metal (nickel) allergy',
  implantedElectronicDevice: 'implanted electronic device (pacemaker, defibrillator...)',
  sunburnOrTan: 'sunburn or recent tan',
};
