import type { Area } from '../knowledge/knowledge.schema';

/**
 * Standardized clinical photo views per treatment area, so a later photo matches the first one of the same view.
 * The guide shown over the camera is the first photo of that view (faded), plus a framing shape and instructions.
 */

export const photoViews = [
  'face-front',
  'face-left-45',
  'face-right-45',
  'face-profile-left',
  'face-profile-right',
  'scalp-vertex',
  'scalp-frontal',
  'neck-front',
  'chest-front',
  'hands-back',
  'body-area',
] as const;
export type PhotoView = (typeof photoViews)[number];

export interface ViewGuide {
  view: PhotoView;
  label: string;
  /** The framing shape drawn over the camera image before a first photo exists. */
  frame: 'face-oval' | 'face-oval-turned' | 'profile' | 'scalp-circle' | 'rectangle';
  instructions: string;
}

const sameLight = 'Same room, same light, no flash, plain background; no make-up on the area.';

export const viewGuides: Record<PhotoView, ViewGuide> = {
  'face-front': {
    view: 'face-front',
    label: 'Face, front',
    frame: 'face-oval',
    instructions: `Eyes level, looking at the camera, hair back, neutral expression. ${sameLight}`,
  },
  'face-left-45': {
    view: 'face-left-45',
    label: 'Face, 45° left',
    frame: 'face-oval-turned',
    instructions: `Turn the head to the patient's left until the far cheek just shows the nose tip. ${sameLight}`,
  },
  'face-right-45': {
    view: 'face-right-45',
    label: 'Face, 45° right',
    frame: 'face-oval-turned',
    instructions: `Turn the head to the patient's right until the far cheek just shows the nose tip. ${sameLight}`,
  },
  'face-profile-left': {
    view: 'face-profile-left',
    label: 'Profile, left',
    frame: 'profile',
    instructions: `Full left profile, ear visible, chin level. ${sameLight}`,
  },
  'face-profile-right': {
    view: 'face-profile-right',
    label: 'Profile, right',
    frame: 'profile',
    instructions: `Full right profile, ear visible, chin level. ${sameLight}`,
  },
  'scalp-vertex': {
    view: 'scalp-vertex',
    label: 'Scalp, vertex',
    frame: 'scalp-circle',
    instructions: `From above, head tilted forward, hair parted the same way each time. ${sameLight}`,
  },
  'scalp-frontal': {
    view: 'scalp-frontal',
    label: 'Scalp, frontal hairline',
    frame: 'scalp-circle',
    instructions: `Hair combed back, hairline in the upper third of the frame. ${sameLight}`,
  },
  'neck-front': {
    view: 'neck-front',
    label: 'Neck, front',
    frame: 'rectangle',
    instructions: `Chin slightly raised, jaw to collarbones in frame. ${sameLight}`,
  },
  'chest-front': {
    view: 'chest-front',
    label: 'Chest, front',
    frame: 'rectangle',
    instructions: `Collarbones to the lower edge of the treated area in frame. ${sameLight}`,
  },
  'hands-back': {
    view: 'hands-back',
    label: 'Backs of the hands',
    frame: 'rectangle',
    instructions: `Both hands flat, fingers together, on a plain surface. ${sameLight}`,
  },
  'body-area': {
    view: 'body-area',
    label: 'Body area',
    frame: 'rectangle',
    instructions: `The treated area with a landmark (navel, joint) in frame, a ruler beside it. ${sameLight}`,
  },
};

/** The views to take for each treatment area. */
export const viewsByArea: Record<Area, PhotoView[]> = {
  face: ['face-front', 'face-left-45', 'face-right-45', 'face-profile-left', 'face-profile-right'],
  periorbital: ['face-front', 'face-left-45', 'face-right-45'],
  perioral: ['face-front', 'face-left-45', 'face-right-45'],
  neck: ['neck-front', 'face-profile-left', 'face-profile-right'],
  chest: ['chest-front'],
  scalp: ['scalp-vertex', 'scalp-frontal'],
  hands: ['hands-back'],
  body: ['body-area'],
};

export interface TakenPhoto {
  id: string;
  view: PhotoView;
  takenAt: string;
}

/**
 * The guide for the next photo of a view: the first photo of that view (so later ones match it) when there is one,
 * else the framing shape only.
 */
export function guideFor(
  view: PhotoView,
  taken: TakenPhoto[],
): ViewGuide & { referencePhotoId: string | null } {
  const first = taken
    .filter((p) => p.view === view)
    .sort((a, b) => a.takenAt.localeCompare(b.takenAt) || a.id.localeCompare(b.id))[0];
  return { ...viewGuides[view], referencePhotoId: first?.id ?? null };
}

/** Before/after pairs for comparison: for each view, the earliest photo and the latest later one. */
export function comparisonPairs(
  taken: TakenPhoto[],
): { view: PhotoView; before: TakenPhoto; after: TakenPhoto }[] {
  const pairs: { view: PhotoView; before: TakenPhoto; after: TakenPhoto }[] = [];
  for (const view of photoViews) {
    const mine = taken.filter((p) => p.view === view).sort((a, b) => a.takenAt.localeCompare(b.takenAt));
    if (mine.length >= 2) pairs.push({ view, before: mine[0]!, after: mine.at(-1)! });
  }
  return pairs;
}
