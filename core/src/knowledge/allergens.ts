import type { AllergenConcept } from './knowledge.schema';

/** Allergy substances that matter for microneedling (evidence.md section 4: S77, S7). */
export const allergenConcepts: AllergenConcept[] = [
  {
    id: 'local-anesthetic',
    category: 'anesthetic',
    rxnorm: ['6387', '1399', '10391', '1815'],
    terms: [
      'lidocaine',
      'lignocaine',
      'xylocaine',
      'prilocaine',
      'emla',
      'benzocaine',
      'tetracaine',
      'amethocaine',
      'bupivacaine',
      'procaine',
      'novocaine',
      'novocain',
      'articaine',
      'local anesthetic',
      'local anaesthetic',
      'topical anesthetic',
      'topical anaesthetic',
      'numbing cream',
      'caine anesthetics',
    ],
  },
  {
    id: 'metal',
    category: 'metal',
    terms: ['nickel', 'metal', 'metals', 'stainless steel', 'chromium', 'cobalt', 'nickel sulfate'],
  },
];
