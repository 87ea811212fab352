import type { Source } from '../knowledge/knowledge.schema';
import { planSources } from '../plans/sources';

/**
 * Sources the triage rules cite that neither the screening knowledge base nor the plan templates do (evidence.md
 * section 11, same ids, levels filed the same way: narrative reviews and case reports by their design, news and
 * vendor pages as `clinic-page`). Where a source lists several addresses, the first is kept.
 */
const aftercareOnlySources: Record<string, Source> = {
  S8: {
    id: 'S8',
    citation:
      'Gowda A et al. A Systematic Review Examining the Potential Adverse Effects of Microneedling. J Clin Aesthet Dermatol 2021 (PMC7869810).',
    url: 'https://litmetric.com/detail/33584968/A-Systematic-Review-Examining-the-Potential-Adverse-Effects-of-Microneedling',
    evidenceLevel: 'systematic-review',
  },
  S10: {
    id: 'S10',
    citation:
      'Soltani-Arabshahi R et al. Facial allergic granulomatous reaction and systemic hypersensitivity associated with microneedle therapy. JAMA Dermatol 2014;150:68–72.',
    url: 'http://archderm.jamanetwork.com/article.aspx?articleid=1783057',
    evidenceLevel: 'series',
  },
  S11: {
    id: 'S11',
    citation:
      'Case report: granulomatous dermatitis after microneedling treated with methotrexate (PMC8008152).',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC8008152',
    evidenceLevel: 'series',
  },
  S22: {
    id: 'S22',
    citation: 'MDPen. Microneedling cartridges: needle counts, safety and fit.',
    url: 'https://mdpen.co/blog/microneedling-cartridges-safety-fit/',
    evidenceLevel: 'clinic-page',
  },
  S68: {
    id: 'S68',
    citation: 'Minimizing the risk of lidocaine toxicity (Jalian). Dermatology Times.',
    url: 'https://www.dermatologytimes.com/view/minimizing-risk-lidocaine-toxicity',
    evidenceLevel: 'expert',
  },
  S69: {
    id: 'S69',
    citation:
      'Serum lidocaine levels and cutaneous side effects after facial 23% lidocaine / 7% tetracaine. Dermatol Surg 2013 (doi 10.1111/dsu.12064).',
    url: 'https://litmetric.com/detail/23278914/Serum-lidocaine-levels-and-cutaneous-side-effects-after-application-of-23-lidocaine-7-tetracaine-oin',
    evidenceLevel: 'series',
  },
  S70: {
    id: 'S70',
    citation: 'FDA topical anaesthetic advisories (2007, 2009) and 2024 warning letters.',
    url: 'http://www.fda.gov/Safety/MedWatch/SafetyInformation/SafetyAlertsforHumanMedicalProducts/ucm170312.htm',
    evidenceLevel: 'guideline',
  },
  S81: {
    id: 'S81',
    citation:
      'Zeng R et al. Cutaneous NTM infections after cosmetic procedures. Infect Drug Resist 2025; Culton DA et al. Emerg Infect Dis 2013.',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC12065458',
    evidenceLevel: 'series',
  },
  S94: {
    id: 'S94',
    citation: 'Granulomatous reaction after a med-spa serum with HA, zinc and copper.',
    url: 'https://discovery.researcher.life/article/16622-granulomatous-reaction-to-microneedling/2c09c7d22e60319b9b432ef33c483bc2',
    evidenceLevel: 'series',
  },
  S102: {
    id: 'S102',
    citation: 'Clinic page: blotchiness for 4–5 days.',
    url: 'https://www.bellacosmedica.com/cosmetic/micro-needling/',
    evidenceLevel: 'clinic-page',
  },
};

export const aftercareSources: Record<string, Source> = { ...planSources, ...aftercareOnlySources };
