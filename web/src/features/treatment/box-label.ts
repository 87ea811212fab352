import { parseGs1, type Gs1Label } from '@needlepoint/core/treatment/gs1';

/**
 * What a DataMatrix read by the camera says, as a box label or as the reason it is not one. The GS1 parsing is
 * core's (ADR 013); this only turns its answer into words for the scanner and refuses a code that carries none of
 * GTIN (01), expiry (17) and lot (10).
 */
export function readBoxLabel(text: string): { label: Gs1Label } | { problem: string } {
  const parsed = parseGs1(text);
  if (!parsed.ok) return { problem: `${parsed.error}. Scan the GS1 DataMatrix on the box label.` };
  const { gtin, lot, expiry } = parsed.label;
  if (!gtin && !lot && !expiry)
    return {
      problem: 'This code has no GTIN (01), expiry (17) or lot (10): scan the code on the box label.',
    };
  return { label: parsed.label };
}
