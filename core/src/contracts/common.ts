import { z } from 'zod';

export const Id = z.uuid();
export const IdParams = z.object({ id: z.uuid() }).strict();
export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime({ offset: true });
export const Email = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase());
export const Ok = z.object({ ok: z.literal(true) });
