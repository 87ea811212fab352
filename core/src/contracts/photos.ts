import { z } from 'zod';
import { Area, areas } from '../knowledge/knowledge.schema';
import { photoUses } from '../photos/consent-scope';
import { photoViews, viewsByArea } from '../photos/views';

export const photoContentTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** The most bytes one uploaded photo may have (a 12-megapixel phone JPEG is 3-8 MB). */
export const maxPhotoBytes = 20 * 1024 * 1024;
/** The most pixels one photo may decode to (a small file can claim a huge image). */
export const maxPhotoPixels = 50_000_000;
/** Per patient, photos the patient keeps (not removed): at most this many, and this many bytes in all. */
export const maxPhotosPerPatient = 30;
export const maxPhotoBytesPerPatient = 150 * 1024 * 1024;

export const photoPurposes = ['intake', 'clinical', 'check-in'] as const;
export type PhotoPurpose = (typeof photoPurposes)[number];
export const photoTimings = ['before', 'after'] as const;
export type PhotoTiming = (typeof photoTimings)[number];

export const PhotoView = z.enum(photoViews);
export const PhotoUse = z.enum(photoUses);

export const PhotoUploadQuery = z.object({ area: Area }).strict();

/** A comma-separated list of photo uses in a query (`clinical-record,marketing`). */
const ScopeList = z
  .string()
  .regex(
    new RegExp(`^(${photoUses.join('|')})(,(${photoUses.join('|')}))*$`),
    `List uses separated by commas: ${photoUses.join(', ')}`,
  );

const viewFitsArea = (q: { area: Area; view: z.infer<typeof PhotoView> }) =>
  viewsByArea[q.area].includes(q.view);
const viewFitsAreaIssue = { message: 'This view is not one of the views of that area', path: ['view'] };

/** Staff take a standardized clinical photo: the area and view, and the session it belongs to (before/after). */
export const ClinicalPhotoUploadQuery = z
  .object({
    area: Area,
    view: PhotoView,
    appointmentId: z.uuid().optional(),
    timing: z.enum(photoTimings).optional(),
    scopes: ScopeList.optional(),
  })
  .strict()
  .refine(viewFitsArea, viewFitsAreaIssue)
  .refine((q) => (q.timing === undefined) === (q.appointmentId === undefined), {
    message: 'A session photo names both the session and whether it is before or after',
    path: ['timing'],
  });

/** The patient adds a photo to one of their aftercare check-ins. */
export const CheckInPhotoUploadQuery = z
  .object({ area: Area, view: PhotoView })
  .strict()
  .refine(viewFitsArea, viewFitsAreaIssue);

export const PatientPhoto = z.object({
  id: z.uuid(),
  purpose: z.enum(photoPurposes),
  area: z.string(),
  view: PhotoView.nullable(),
  contentType: z.enum(photoContentTypes),
  byteSize: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** When the photo was taken: the camera's capture date when it had one, else when it was uploaded. */
  takenAt: z.string(),
  /** The camera's own capture date (kept from the file's metadata before it was stripped), if any. */
  capturedAt: z.string().nullable(),
  createdAt: z.string(),
  appointmentId: z.uuid().nullable(),
  timing: z.enum(photoTimings).nullable(),
  checkInId: z.uuid().nullable(),
  scopes: z.array(PhotoUse),
});
export type PatientPhoto = z.infer<typeof PatientPhoto>;
export const PatientPhotoList = z.object({ photos: z.array(PatientPhoto) });
export const PhotoParams = z.object({ id: z.uuid(), photoId: z.uuid() }).strict();
export const PhotoImageQuery = z.object({ size: z.enum(['full', 'thumbnail']).default('full') }).strict();

export const PhotoScopesRequest = z.object({ scopes: z.array(PhotoUse).min(1).max(3) }).strict();

export const PhotoGuideQuery = z.object({ view: PhotoView }).strict();
export const PhotoGuide = z.object({
  view: PhotoView,
  label: z.string(),
  frame: z.enum(['face-oval', 'face-oval-turned', 'profile', 'scalp-circle', 'rectangle']),
  instructions: z.string(),
  referencePhotoId: z.uuid().nullable(),
});
export type PhotoGuide = z.infer<typeof PhotoGuide>;

/** Every view with two or more photos, oldest first: the comparison picks a before and an after from them. */
export const PhotoComparisons = z.object({
  views: z.array(z.object({ view: PhotoView, label: z.string(), photos: z.array(PatientPhoto) })),
});
export type PhotoComparisons = z.infer<typeof PhotoComparisons>;

/** A region as fractions of the image (0-1 from the top-left), so it fits photos of different sizes. */
export const PhotoRegion = z
  .object({
    left: z.number().min(0).max(1),
    top: z.number().min(0).max(1),
    width: z.number().gt(0).max(1),
    height: z.number().gt(0).max(1),
  })
  .strict()
  .refine((r) => r.left + r.width <= 1.000001 && r.top + r.height <= 1.000001, {
    message: 'The region must lie inside the photo',
  });
export type PhotoRegion = z.infer<typeof PhotoRegion>;

export const ErythemaRequest = z.object({ region: PhotoRegion }).strict();
export const ErythemaTrendRequest = z.object({ view: PhotoView, region: PhotoRegion }).strict();
const ErythemaReading = z.object({ photoId: z.uuid(), takenAt: z.string(), meanIndex: z.number() });
export const ErythemaAnswer = ErythemaReading.extend({ pixels: z.number().int(), note: z.string() });
export const ErythemaTrendAnswer = z.object({
  view: PhotoView,
  readings: z.array(ErythemaReading),
  change: z.number().nullable(),
  direction: z.enum(['falling', 'steady', 'rising', 'not-enough-photos']),
  note: z.string(),
});
export type ErythemaTrendAnswer = z.infer<typeof ErythemaTrendAnswer>;

/** A marketing export lists photos only: no name, no record, nothing that says whose they are. */
export const MarketingPhoto = z.object({
  id: z.uuid(),
  area: z.enum(areas),
  view: PhotoView.nullable(),
  takenAt: z.string(),
  contentType: z.enum(photoContentTypes),
  imageUrl: z.string(),
});
export const MarketingExport = z.object({ photos: z.array(MarketingPhoto) });
export const MarketingPhotoParams = z.object({ photoId: z.uuid() }).strict();
