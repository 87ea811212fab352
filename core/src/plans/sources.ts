import { sources as knowledgeSources } from '../knowledge/sources';
import type { Source } from '../knowledge/knowledge.schema';

/**
 * Sources the plan templates cite that the screening knowledge base does not (evidence.md section 11, same ids and
 * the same way of filing levels: narrative reviews and scale definitions as `expert`, news and vendor pages as
 * `clinic-page`). Where a source lists several addresses, the first is kept.
 */
export const planOnlySources: Record<string, Source> = {
  S1: {
    id: 'S1',
    citation:
      'Alster TS, Graham PM. Microneedling: A Review and Practical Guide. Dermatol Surg 2018;44:397–404.',
    url: 'https://www.scribd.com/document/392855998/Alster-2017-Review-microneedling',
    evidenceLevel: 'expert',
  },
  S9: {
    id: 'S9',
    citation:
      'Friedmann DP et al. Granulomatous Reactions From Microneedling: A Systematic Review. Dermatol Surg 2024.',
    url: 'https://ouci.dntb.gov.ua/works/l16LrMY9',
    evidenceLevel: 'systematic-review',
  },
  S18: {
    id: 'S18',
    citation: 'FDA. Regulatory Considerations for Microneedling Products (guidance, 10 Nov 2020).',
    url: 'https://digirepo.nlm.nih.gov/txt/nlm:nlmuid-9918249008306676-pdf',
    evidenceLevel: 'guideline',
  },
  S26: {
    id: 'S26',
    citation:
      'Ablon G. Safety and effectiveness of an automated microneedling device in improving the signs of aging skin. J Clin Aesthet Dermatol 2018;11(8):29–34.',
    url: 'https://jcadonline.com/august-2018-microneedling/',
    evidenceLevel: 'series',
  },
  S30: {
    id: 'S30',
    citation:
      'Arora A, Bhalla M, Thami GP. Triamcinolone given intralesionally versus through microneedling in AA. Int J Trichology 2022;14:156–61.',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC9674065',
    evidenceLevel: 'rct',
  },
  S31: {
    id: 'S31',
    citation: 'Microneedling plus topical triamcinolone versus microneedling alone in AA. IJBR 2025.',
    url: 'https://ijbr.com.pk/IJBR/article/view/1488',
    evidenceLevel: 'rct',
  },
  S32: {
    id: 'S32',
    citation:
      'Chandrashekar BS et al. Alopecia areata: successful outcome with microneedling and triamcinolone. J Cutan Aesthet Surg 2014;7:63–4.',
    url: 'https://www.jcasonline.com/article.asp?issn=0974-2077;year=2014;volume=7;issue=1;spage=63;epage=64;aulast=Chandrashekar',
    evidenceLevel: 'series',
  },
  S33b: {
    id: 'S33b',
    citation: 'Khafagy et al., microneedling ± 5-FU (abstract).',
    url: 'https://staging.scite.ai/authors/naziha-khafagy-AjWxwL',
    evidenceLevel: 'rct',
  },
  S34: {
    id: 'S34',
    citation: 'Mina M et al. Microneedling with 5-FU versus tacrolimus in vitiligo. J Cosmet Dermatol 2018.',
    url: 'https://id.scribd.com/document/388469812/Translete',
    evidenceLevel: 'rct',
  },
  S35: {
    id: 'S35',
    citation: 'RCT of microneedling with 5% 5-FU versus 0.1% tacrolimus. Pigment International 2023.',
    url: 'https://doaj.org/article/f13d9c3ecebe4a7ea0da1589681d4707',
    evidenceLevel: 'rct',
  },
  S36: {
    id: 'S36',
    citation: 'Microneedling plus 5-FU versus excimer in stable vitiligo. IJMPR.',
    url: 'https://ijmpr.in/article/efficacy-and-safety-of-micro-needling-combined-with-topical-5-fluorouracil-vs-excimer-light-alone-in-treatment-of-vitiligo-a-comparative-study-1733',
    evidenceLevel: 'rct',
  },
  S37: {
    id: 'S37',
    citation: 'Microneedling plus 5-FU versus fluocinolone versus microneedling alone (Ahvaz). WJPS.',
    url: 'http://wjps.ir/article-1-1390-en.html',
    evidenceLevel: 'rct',
  },
  S39: {
    id: 'S39',
    citation:
      'Lima EVA et al. Skin microneedling as adjuvant therapy for facial melasma: pilot study. BMC Dermatol 2017;17:14.',
    url: 'https://bmcdermatol.biomedcentral.com/articles/10.1186/s12895-017-0066-5',
    evidenceLevel: 'series',
  },
  S40: {
    id: 'S40',
    citation: 'Lima EA. Microneedling in facial recalcitrant melasma: 22 cases. An Bras Dermatol 2015.',
    url: 'http://www.scielo.br/j/abd/a/D4GYbmjPpzB7fmvtC7tm3sq/?lang=en&goto=next',
    evidenceLevel: 'series',
  },
  S41: {
    id: 'S41',
    citation:
      "Saleh FY et al. Topical TXA with microneedling versus microneedling alone in melasma. J Egypt Women's Dermatol Soc 2019;16:89–96.",
    url: 'https://onehourindexing01.prideseotools.com/index.php?q=https%3A%2F%2Fwww.scribd.com%2Fdocument%2F672922758%2F88',
    evidenceLevel: 'rct',
  },
  S43: {
    id: 'S43',
    citation: 'TXA microinjections versus TXA mesoneedling for melasma: split-face RCT.',
    url: 'https://discovery.researcher.life/article/tranexamic-acid-microinjections-versus-tranexamic-acid-mesoneedling-in-the-treatment-of-facial-melasma-a-randomized-assessorblind-splitface-controlled-trial/c4145efc8fc337ce910d0b53e69c2662',
    evidenceLevel: 'rct',
  },
  S44b: {
    id: 'S44b',
    citation:
      'Saraiva LPPG et al. Robotic microneedling with TXA drug delivery. Surg Cosmet Dermatol 2018;10:333–9.',
    url: 'https://www.scribd.com/document/606706544/265562421009',
    evidenceLevel: 'series',
  },
  S46: {
    id: 'S46',
    citation:
      'Transdermal botulinum toxin via fractional microneedling RF for rosacea erythema (20 patients).',
    url: 'https://discovery.researcher.life/article/a-novel-regimen-of-transdermal-botulinum-toxin-delivery-using-fractional-microneedling-radiofrequency-for-treatment-of-erythema-in-rosacea/a9cd91ffcefb3c75b36306e70c09d5aa',
    evidenceLevel: 'series',
  },
  S47: {
    id: 'S47',
    citation: 'Microneedling versus fractional CO₂ for striae alba: RCT. Dermatol Ther 2022;35:e15212.',
    url: 'https://integrativedn.com/comparison-of-the-efficacy-of-microneedling-versus-cosub2-sub-fractional-laser-to-treat-striae-alba-a-randomized-clinical-trial/',
    evidenceLevel: 'rct',
  },
  S48: {
    id: 'S48',
    citation:
      'Microneedling versus 1340-nm non-ablative fractional laser for striae alba: randomised study. Am J Clin Dermatol 2019 (NCT03390439).',
    url: 'https://link.springer.com/10.1007/s40257-018-0415-0',
    evidenceLevel: 'rct',
  },
  S49: {
    id: 'S49',
    citation:
      'Microneedling therapy for striae distensae: systematic review and meta-analysis. Aesthetic Plast Surg 2024.',
    url: 'https://doi.org/10.1007/s00266-024-03954-x',
    evidenceLevel: 'systematic-review',
  },
  S50: {
    id: 'S50',
    citation:
      'Kaur T et al. Microneedling with and without PRP for striae and post-surgical scars. J Cutan Aesthet Surg 2024;17:307–14.',
    url: 'https://jcasonline.com/?p=6440',
    evidenceLevel: 'rct',
  },
  S51: {
    id: 'S51',
    citation:
      'Kang C, Lu D. Combined effect of microneedling and PRP for acne scars: meta-analysis. Front Med 2022.',
    url: 'https://www.frontiersin.org/articles/10.3389/fmed.2021.788754/full',
    evidenceLevel: 'systematic-review',
  },
  S52: {
    id: 'S52',
    citation:
      'Long T et al. PRP in non-invasive procedures for atrophic acne scars: SR/MA. J Cosmet Dermatol 2020, summary.',
    url: 'https://www.dermatologyadvisor.com/home/topics/acne/prp-plus-therapies-for-acne-scar-reduction/',
    evidenceLevel: 'systematic-review',
  },
  S53: {
    id: 'S53',
    citation:
      'Dogra S, Yadav S, Sarangal R. Microneedling for acne scars in Asian skin type. J Cosmet Dermatol 2014.',
    url: 'https://read.qxmd.com/read/25196684/microneedling-for-acne-scars-in-asian-skin-type-an-effective-low-cost-treatment-modality',
    evidenceLevel: 'series',
  },
  S54: {
    id: 'S54',
    citation: 'Garg A, Chaudhary SS. Efficacy of dermaroller on morphology of acne scars. IJORD.',
    url: 'https://www.ijord.com/index.php/ijord/article/view/212',
    evidenceLevel: 'series',
  },
  S55: {
    id: 'S55',
    citation: 'Tirmizi SS et al. Role of microneedling in atrophic post-acne scars. Cureus 2021.',
    url: 'https://docslib.org/doc/7752339/role-of-microneedling-in-atrophic-post-acne-scars-an-experience-from-a-tertiary-care-hospital',
    evidenceLevel: 'series',
  },
  S56: {
    id: 'S56',
    citation: 'Leelavathy B et al. Microneedling in post-acne scars. IJCED 2021;7:256–60.',
    url: 'https://researchersprofile.com/abstract/3348',
    evidenceLevel: 'series',
  },
  S57: {
    id: 'S57',
    citation:
      'Microneedling for atrophic post-acne scars: 36 cases. Hong Kong J Dermatol Venereol 2018;26:52–7.',
    url: 'https://medcomhk.com/hkdvb/details.asp?id=825&show=1234',
    evidenceLevel: 'series',
  },
  S58: {
    id: 'S58',
    citation:
      'Skin microneedling for acne scars with pigmentation in dark skin (Jordan). J Cosmet Dermatol, summary.',
    url: 'https://revivetrainings.com/skin-microneedling-for-acne-scars-associated-with-pigmentation-in-patients-with-dark-skin/',
    evidenceLevel: 'series',
  },
  S59: {
    id: 'S59',
    citation:
      'Goodman GJ, Baron JA. Postacne scarring: a qualitative global scarring grading system. Dermatol Surg 2006 (PMID 17199653); and a quantitative global scarring grading system. J Cosmet Dermatol 2006;5:48–52.',
    url: 'https://zendy.io/title/10.1111/j.1473-2165.2006.00222.x',
    evidenceLevel: 'expert',
  },
  S60: {
    id: 'S60',
    citation:
      'Clark AK, Saric S, Sivamani RK. Acne scars: how do we grade them? Am J Clin Dermatol 2018;19:139–44.',
    url: 'https://link.springer.com/article/10.1007/s40257-017-0321-x',
    evidenceLevel: 'expert',
  },
  S61: {
    id: 'S61',
    citation: 'Dréno B et al. ECCA grading scale (abstract).',
    url: 'https://staging.scite.ai/authors/n-orain-XjK92E',
    evidenceLevel: 'expert',
  },
  S62: {
    id: 'S62',
    citation:
      'Pandya AG et al. Reliability and validation of MASI and a new modified MASI. J Am Acad Dermatol 2011;64:78–83.',
    url: 'https://altmeyers.org/de/dermatologie/melasma-assessment-severity-index-16838',
    evidenceLevel: 'expert',
  },
  S63: {
    id: 'S63',
    citation: 'Hamzavi I et al. VASI (Arch Dermatol 2004; PMID 15210457).',
    url: 'https://proxy.weglot.com/wg_8714b7f1589aa0f6c92979708057c4a57/en/es/pubmed.ncbi.nlm.nih.gov/15210457',
    evidenceLevel: 'expert',
  },
  S64: {
    id: 'S64',
    citation:
      'Olsen EA et al. Alopecia areata investigational assessment guidelines (SALT). J Am Acad Dermatol 2004;51:440–7.',
    url: 'http://dermatopics.dk/salt-score/',
    evidenceLevel: 'guideline',
  },
  S65: {
    id: 'S65',
    citation: 'POSAS and VSS.',
    url: 'https://mail.skinoncology.net/posas-scar-scale.html',
    evidenceLevel: 'expert',
  },
  S66: {
    id: 'S66',
    citation: 'Global Aesthetic Improvement Scale.',
    url: 'https://flexikon.doccheck.com/de/Global_Aesthetic_Improvement_Scale',
    evidenceLevel: 'expert',
  },
  S80: {
    id: 'S80',
    citation: 'Depth-by-zone pages.',
    url: 'https://www.glow-refinery.com/blogs/microneedling-resources/microneedling-depth-guide-for-different-areas-of-your-face',
    evidenceLevel: 'clinic-page',
  },
  S87: {
    id: 'S87',
    citation: 'Maintenance cadence (clinician answer on RealSelf).',
    url: 'https://www.realself.com/question/long-the-effects-micro-needling-last-maintenance-required',
    evidenceLevel: 'clinic-page',
  },
  S90: {
    id: 'S90',
    citation:
      'Bandral MR et al. Microneedling therapy in facial scars: prospective randomised study. J Maxillofac Oral Surg 2019;18:572–8.',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC6795657',
    evidenceLevel: 'series',
  },
  S91: {
    id: 'S91',
    citation:
      'Microneedling for post-inflammatory hyperpigmentation after a laser burn (case). Surg Cosmet Dermatol 2017;9:160–4.',
    url: 'http://www.surgicalcosmetic.org.br/article-from-author/%20Nancy%20Vanessa%20Paranhos%20Mazon',
    evidenceLevel: 'series',
  },
  S93: {
    id: 'S93',
    citation: 'Microneedling and TXA for melasma (news summary).',
    url: 'https://www.dermatologytimes.com/view/combining-microneedling-and-tranexamic-acid-for-melasma-efficacy-and-satisfaction',
    evidenceLevel: 'clinic-page',
  },
};

/** Every source a plan template may cite: the knowledge base's list plus the plan-only ones. */
export const planSources: Record<string, Source> = { ...knowledgeSources, ...planOnlySources };
