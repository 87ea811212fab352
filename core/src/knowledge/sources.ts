import type { Source } from './knowledge.schema';

/**
 * Numbered sources from the project's evidence file (shared/clinical/evidence.md, section 11), with the
 * evidence level of each. Narrative reviews have no level of their own in this scale and are filed as `expert`.
 * Where a source lists several addresses, the first is kept here.
 */
export const sources: Record<string, Source> = {
  S2: {
    id: 'S2',
    citation:
      'Juhasz MLW, Cohen JL. Microneedling for the Treatment of Scars: An Update for Clinicians. Clin Cosmet Investig Dermatol 2020;13:997–1003.',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC7764156',
    evidenceLevel: 'systematic-review',
  },
  S5: {
    id: 'S5',
    citation:
      'Iriarte C et al. Review of applications of microneedling in dermatology. CCID 2017;10:289–298.',
    url: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC5556180/',
    evidenceLevel: 'expert',
  },
  S6: {
    id: 'S6',
    citation:
      'Cohen BE, Elbuluk N. Microneedling in skin of color: a review of uses and efficacy. J Am Acad Dermatol 2016;74:348–55.',
    url: 'http://pubmed.ncbi.nlm.nih.gov/26549251/',
    evidenceLevel: 'expert',
  },
  S7: {
    id: 'S7',
    citation:
      'Chu S, Foulad DP, Atanaskova Mesinkovska N. Safety Profile for Microneedling: A Systematic Review. Dermatol Surg 2021;47:1249–54.',
    url: 'https://ouci.dntb.gov.ua/en/works/7X1Z3mr4',
    evidenceLevel: 'systematic-review',
  },
  S12: {
    id: 'S12',
    citation:
      'Spring LK et al. Isotretinoin and Timing of Procedural Interventions: systematic review with consensus recommendations. JAMA Dermatol 2017;153:802–9.',
    url: 'https://stanfordhealthcare.org/publications/487/487487.html',
    evidenceLevel: 'guideline',
  },
  S13: {
    id: 'S13',
    citation:
      'Waldman A et al. ASDS Guidelines Task Force: consensus recommendations on lasers, dermabrasion, chemical peels, energy devices and skin surgery during and after isotretinoin use. Dermatol Surg 2017;43:1249–62.',
    url: 'https://scholars.mssm.edu/en/publications/asds-guidelines-task-force-consensus-recommendations-regarding-th-2',
    evidenceLevel: 'guideline',
  },
  S14: {
    id: 'S14',
    citation:
      'Mysore V et al. Standard guidelines of care: performing procedures in patients on or recently given isotretinoin (ACSI). J Cutan Aesthet Surg.',
    url: 'https://ru.scribd.com/document/413966373/JCutanAesthetSurg104186-3056457-082924',
    evidenceLevel: 'guideline',
  },
  S15: {
    id: 'S15',
    citation:
      'Winkelmann R. What do you tell patients about microneedling while on isotretinoin? Project LEAD.',
    url: 'https://projectlead.health/clinical-corner/what-do-you-tell-your-patients-about-microneedling-while-on-isotretinoin/',
    evidenceLevel: 'expert',
  },
  S16: {
    id: 'S16',
    citation:
      'Blakely K. Dropping the delay: procedures during and after isotretinoin. Canadian Dermatology Today 2022.',
    url: 'https://www.canadiandermatologytoday.com/articles/dropping-the-delay-safety-of-procedural-interventions-during-and-after-isotretinoin-use/',
    evidenceLevel: 'guideline',
  },
  S17: {
    id: 'S17',
    citation: 'Citation statement on isotretinoin wait times (scite).',
    url: 'https://scite.ai/reports/isotretinoin-and-timing-of-procedural-zREAeZx',
    evidenceLevel: 'expert',
  },
  S20: {
    id: 'S20',
    citation: 'FDA safety communication on RF microneedling (15 Oct 2024), as reported by PRIME.',
    url: 'https://www.prime-journal.com/rf-microneedling-safety-comes-into-question',
    evidenceLevel: 'guideline',
  },
  S24: {
    id: 'S24',
    citation:
      'Aust MC, Fernandes D et al. Percutaneous collagen induction therapy: an alternative treatment for scars, wrinkles and skin laxity. Plast Reconstr Surg 2008.',
    url: 'https://doczz.net/doc/4978073/cosmetic',
    evidenceLevel: 'series',
  },
  S25: {
    id: 'S25',
    citation:
      'Aust MC et al. Percutaneous collagen induction therapy: an alternative treatment for burn scars. Burns 2010;36:836–43.',
    url: 'https://www.bohrium.com/paper-details/percutaneous-collagen-induction-therapy-an-alternative-treatment-for-burn-scars/811810669820116994-9755',
    evidenceLevel: 'series',
  },
  S27: {
    id: 'S27',
    citation:
      'Kumar MK, Inamadar AC, Palit A. RCT of minoxidil plus microneedling versus minoxidil in AGA. J Cutan Aesthet Surg 2018;11:211–6.',
    url: 'http://www.jcasonline.com/article.asp?issn=0974-2077;year=2018;volume=11;issue=4;spage=211;epage=216;aulast=Kumar',
    evidenceLevel: 'rct',
  },
  S28: {
    id: 'S28',
    citation: 'RCT of 4-weekly microneedling plus 5% minoxidil in AGA (36 men).',
    url: 'http://globalauthorid.com/WebPortal/ArticleView?wd=EA1BC470E3D082C9BECDC41BD081C84D45D9EF478290E360',
    evidenceLevel: 'rct',
  },
  S29: {
    id: 'S29',
    citation: 'Malhotra K, Herakal KC. Int J Res Med Sci 2020;8:1282–6.',
    url: 'https://www.msjonline.org/index.php/ijrms/article/view/7777',
    evidenceLevel: 'rct',
  },
  S33: {
    id: 'S33',
    citation:
      'Microneedling plus topical 5-FU versus microneedling alone in vitiligo (Zagazig; J Cosmet Dermatol), summary.',
    url: 'https://www.dermatologyadvisor.com/home/topics/general-dermatology/microneedling-combined-with-topical-5-fluorouracil-more-effective-vitiligo-treatment-than-microneedling-alone/',
    evidenceLevel: 'rct',
  },
  S38: {
    id: 'S38',
    citation:
      'Cassiano DP et al. Microneedling and oral TXA in facial melasma: open, evaluator-blinded RCT (64 women), summary.',
    url: 'https://tressless.com/research/efficacy-and-safety-of-microneedling-and-oral-ta-in-facial-melasma-LGMD',
    evidenceLevel: 'rct',
  },
  S45: {
    id: 'S45',
    citation:
      'Mohamed RR et al. Topical 10% TXA with and without microneedling in erythematotelangiectatic rosacea. J Clin Aesthet Dermatol 2024;17(2):47–51.',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC10911261',
    evidenceLevel: 'rct',
  },
  S71: {
    id: 'S71',
    citation: 'EMLA prescribing information.',
    url: 'http://www.druglib.com/druginfo/emla/indications_dosage/',
    evidenceLevel: 'guideline',
  },
  S72: {
    id: 'S72',
    citation:
      'Vaghela D et al. (CMAC). Guideline for the management of herpes simplex 1 and cosmetic interventions. J Clin Aesthet Dermatol 2021;14(6 Suppl 1):S11–S14.',
    url: 'https://jcadonline.com/guideline-management-herpes-simplex-1-cosmetic',
    evidenceLevel: 'guideline',
  },
  S73: {
    id: 'S73',
    citation: 'Medscape. Herpes simplex in dermatologic preoperative evaluation.',
    url: 'https://www.medscape.com/answers/1127055-156679/how-is-a-herpes-simplex-virus-infection-addressed-during-the-dermatologic-preoperative-evaluation-and-management',
    evidenceLevel: 'expert',
  },
  S74: {
    id: 'S74',
    citation: 'Valacyclovir prophylaxis after laser skin resurfacing.',
    url: 'https://scilit.com/publications/92e742c72f39d677c8685b55c24d00ab',
    evidenceLevel: 'series',
  },
  S75: {
    id: 'S75',
    citation: 'Clinic protocol for cold-sore prevention.',
    url: 'https://drmorgancosmeticsurgery.com/preventing-cold-sores-when-having-a-facial-cosmetic-surgery-treatment',
    evidenceLevel: 'clinic-page',
  },
  S76: {
    id: 'S76',
    citation:
      'UCSD perioperative anticoagulation guidance (dermatology); Otley CC. Continuation of medically necessary aspirin and warfarin during cutaneous surgery. Mayo Clin Proc 2003;78:1392–6; Palamaras I, Semkova K. Perioperative management of and recommendations for antithrombotic medications in dermatological surgery. BJD 2015; Dermatol Surg 2020 update.',
    url: 'https://health.ucsd.edu/for-health-care-professionals/anticoagulation-guidelines/perioperative/procedure-recommendations/pages/dermatology.aspx',
    evidenceLevel: 'guideline',
  },
  S77: {
    id: 'S77',
    citation:
      'Clinic microneedling contraindication lists (Balance Day Spa; Purely Boutique; Renewed Spirit Day Spa).',
    url: 'https://balancedayspa.com/pages/microneedling-contraindications',
    evidenceLevel: 'clinic-page',
  },
  S78: {
    id: 'S78',
    citation:
      'Clinic aftercare and preparation pages (Monarch Brow and Facials; Fifth Element Esthetics; Dr. Pen; Cherie Amour Aesthetics; RealSelf; Your Best Selves).',
    url: 'https://monarchbrowandfacials.com/blog//microneedling-aftercare-instructions',
    evidenceLevel: 'clinic-page',
  },
  S79: {
    id: 'S79',
    citation: 'Waiting periods for toxin and filler (consumer pages).',
    url: 'https://necolebitchie.com/?p=276878',
    evidenceLevel: 'clinic-page',
  },
  S86: {
    id: 'S86',
    citation:
      'Weiner SF. Radiofrequency microneedling: overview of technology and indications, and the RF complications chapter.',
    url: 'https://plasticsurgerykey.com/12-radiofrequency-and-microneedle-radiofrequency/?share=google-plus-1',
    evidenceLevel: 'expert',
  },
  S88: {
    id: 'S88',
    citation: 'Pregnancy and breastfeeding pages.',
    url: 'https://www.droracle.ai/articles/97298/is-microneedling-percutaneous-collagen-induction-therapy-on-the-face',
    evidenceLevel: 'clinic-page',
  },
  S92: {
    id: 'S92',
    citation: 'Trial record: tranexamic acid with microneedling in melasma (NCT05909072, eligibility).',
    url: 'https://trials.co/clinical-trials-details/-/NCT05909072',
    evidenceLevel: 'series',
  },
  S97: {
    id: 'S97',
    citation: 'RF contraindications (clinic).',
    url: 'https://belislaser.com/faqs/what-are-the-contraindications-for-radiofrequency-rf-energy-treatments',
    evidenceLevel: 'clinic-page',
  },
  S98: {
    id: 'S98',
    citation: 'Microneedling and pacemakers (consumer page).',
    url: 'https://au.feau.com/question/can-pacemaker-have-microneedling',
    evidenceLevel: 'clinic-page',
  },
  S101: {
    id: 'S101',
    citation: 'AI-generated summary of contraindications (tattoos; isotretinoin 6–12 months): weak.',
    url: 'https://www.droracle.ai/articles/111679/what-are-the-medical-contraindications-to-microneedling-and-dermal',
    evidenceLevel: 'clinic-page',
  },
};
