import type { EvidenceLevel } from '../knowledge/knowledge.schema';
import { checkDepth } from '../plans/plan';
import type { ZoneDepth } from '../plans/template.schema';
import type {
  ConsumableUse,
  TopicalUse,
  TreatmentRecordDraft,
  TreatmentRecordStatus,
  ZoneTreatment,
} from './record';

/** Pure decisions of the treatment record: lots, the sterile-product allow-list, depth confirmation, sign-off. */

/** A lot is usable through its expiry date and refused from the day after (clinic local dates, `YYYY-MM-DD`). */
export function lotExpired(expiry: string, today: string): boolean {
  return expiry < today;
}

export function expiredConsumables(consumables: readonly ConsumableUse[], today: string): ConsumableUse[] {
  return consumables.filter((c) => lotExpired(c.expiry, today));
}

/** A product that may touch open microchannels: labelled sterile and for use with needling or intradermal use. */
export interface AllowedProduct {
  id: string;
  name: string;
  roles: readonly ('glide' | 'adjunct')[];
  why: string;
  sources: string[];
  evidenceLevel: EvidenceLevel;
}

/**
 * Built-in entries of the allow-list (evidence.md 1.13, 1.14). Clinics add their own sterile products in the
 * inventory (flagged "sterile, for use with needling"); nothing else may be used during needling.
 */
export const builtInAllowedProducts: readonly AllowedProduct[] = [
  {
    id: 'sterile-saline-0.9',
    name: 'Sterile physiological saline 0.9%',
    roles: ['glide'],
    why: 'Lubricant is not needed for efficacy; if one is wanted, use a sterile compound such as saline',
    sources: ['S82'],
    evidenceLevel: 'expert',
  },
  {
    id: 'autologous-prp',
    name: 'Autologous platelet-rich plasma (sterile closed kit)',
    roles: ['adjunct', 'glide'],
    why: 'Autologous PRP combined with microneedling in the acne-scar meta-analysis',
    sources: ['S51'],
    evidenceLevel: 'systematic-review',
  },
];

export const allowListRule = {
  id: 'TOPICAL-STERILE-ALLOW-LIST',
  why: 'Non-sterile products and products not approved for intradermal use have caused granulomas and hypersensitivity when applied through the microchannels',
  sources: ['S7', 'S9', 'S10', 'S94'],
  evidenceLevel: 'systematic-review' as EvidenceLevel,
};

export interface TopicalRefusal {
  index: number;
  productId: string;
  productName: string;
  reason: string;
}

/** Each glide medium or adjunct that is not on the allow-list for its role. */
export function topicalsNotAllowed(
  topicals: readonly TopicalUse[],
  allowList: readonly AllowedProduct[],
): TopicalRefusal[] {
  return topicals.flatMap((t, index) => {
    const allowed = allowList.find((p) => p.id === t.productId);
    if (allowed && allowed.roles.includes(t.role)) return [];
    const name = allowed?.name ?? (t.productName || t.productId);
    return [
      {
        index,
        productId: t.productId,
        productName: name,
        reason: allowed
          ? `${name} is on the allow-list only as ${allowed.roles.join(' or ')}, not as ${t.role}`
          : `${name} is not on the clinic's allow-list of sterile products for use with needling. ${allowListRule.why} (${allowListRule.sources.join(', ')}).`,
      },
    ];
  });
}

export interface DepthProblem {
  index: number;
  zone: ZoneTreatment['zone'];
  depthMm: number;
  range: { minMm: number; maxMm: number } | null;
  reason: string;
}

/**
 * Zones charted outside the plan's range (below the minimum, above the maximum, or a zone the plan has no range for)
 * that the provider has not explicitly confirmed (evidence.md 1.0: confirm and chart the actual setting).
 */
export function unconfirmedDepths(
  zones: readonly ZoneTreatment[],
  planZones: readonly ZoneDepth[],
): DepthProblem[] {
  return zones.flatMap((z, index) => {
    if (z.depthConfirmed) return [];
    const check = checkDepth({ zones: planZones }, z.zone, z.depthMm);
    if (check.result === 'needs-confirmation') {
      return [{ index, zone: z.zone, depthMm: z.depthMm, range: check.range, reason: check.reason }];
    }
    if (z.depthMm < check.range.minMm - 1e-9) {
      return [
        {
          index,
          zone: z.zone,
          depthMm: z.depthMm,
          range: check.range,
          reason: `${z.depthMm} mm is below the ${check.range.minMm} mm lower bound for ${z.zone}; confirm and chart the actual setting`,
        },
      ];
    }
    return [];
  });
}

/** What the screening and checklist say about starting the procedure. */
export interface ChecklistFacts {
  screeningCleared: boolean | null;
  screeningOverridden: boolean;
  consentOnFile: boolean;
}

/** Procedure data (numbing, consumables, zones, topicals) may be charted only once starting is allowed. */
export function startBlocked(facts: ChecklistFacts): string | null {
  if (facts.screeningCleared === true || facts.screeningOverridden) return null;
  if (facts.screeningCleared === null) return 'Run the screening before starting';
  return 'The screening is not cleared: a provider must record an override with a reason before starting';
}

export function procedureStarted(draft: TreatmentRecordDraft): boolean {
  return (
    draft.numbing !== null ||
    draft.consumables.length > 0 ||
    draft.zones.length > 0 ||
    draft.topicals.length > 0
  );
}

export interface SignOffIssue {
  path: string;
  message: string;
}

/** Everything that must be charted before a record can be signed; missing information is named, never assumed. */
export function signOffIssues(
  draft: TreatmentRecordDraft,
  facts: ChecklistFacts & { modality: 'mechanical' | 'rf' },
): SignOffIssue[] {
  const issues: SignOffIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  const blocked = startBlocked(facts);
  if (blocked) issue('checklist.screening', blocked);
  if (!facts.consentOnFile) issue('checklist.consent', 'No current treatment consent is on file');
  if (draft.checklist.photosTaken === null) issue('checklist.photosTaken', 'Say whether photos were taken');
  if (draft.checklist.skinClean !== true)
    issue('checklist.skinClean', 'Confirm the skin is clean with no active lesions in the area');
  if (draft.checklist.preparationFollowed === null)
    issue('checklist.preparationFollowed', 'Record whether the preparation was followed');
  if (draft.numbing && draft.numbing.appliedAt && !draft.numbing.removedAt)
    issue('numbing.removedAt', 'Chart when the anaesthetic was removed');
  if (!draft.deviceId) issue('deviceId', 'Choose the device used');
  if (draft.consumables.length === 0)
    issue('consumables', 'Chart the cartridge or roller with its lot and expiry');
  if (draft.zones.length === 0) issue('zones', 'Chart at least one treated zone');
  if (facts.modality === 'rf' && !draft.rf) issue('rf', 'Chart the RF settings (energy, pulse, depth)');
  if (draft.pain === null) issue('pain', 'Record the pain score (0-10)');
  if (draft.aftercareGiven !== true) issue('aftercareGiven', 'Confirm aftercare instructions were given');
  return issues;
}

/** A signed record is never edited in place: only addenda. */
export function canEditRecord(status: TreatmentRecordStatus): boolean {
  return status === 'draft';
}

export function canAddAddendum(status: TreatmentRecordStatus): boolean {
  return status === 'signed';
}
