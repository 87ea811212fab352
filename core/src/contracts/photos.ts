import { z } from 'zod';
import { Area } from '../knowledge/knowledge.schema';

export const photoContentTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const maxPhotoBytes = 10 * 1024 * 1024;
/** Per patient, photos kept (not removed): at most this many, and this many bytes in all. */
export const maxPhotosPerPatient = 30;
export const maxPhotoBytesPerPatient = 150 * 1024 * 1024;

export const PhotoUploadQuery = z.object({ area: Area }).strict();

export const PatientPhoto = z.object({
  id: z.uuid(),
  area: z.string(),
  contentType: z.enum(photoContentTypes),
  byteSize: z.number().int(),
  createdAt: z.string(),
});
export type PatientPhoto = z.infer<typeof PatientPhoto>;
export const PatientPhotoList = z.object({ photos: z.array(PatientPhoto) });
export const PhotoParams = z.object({ id: z.uuid(), photoId: z.uuid() }).strict();
