import { z } from 'zod';

/** Inventory: consumable products and lots, device service dates, alerts, and the lot lookup for recalls. */

export const productKinds = ['cartridge', 'roller', 'glide', 'adjunct', 'numbing', 'other'] as const;
export const ProductKind = z.enum(productKinds);

export const InventoryProduct = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: ProductKind,
  gtin: z.string().nullable(),
  needleCount: z.number().int().nullable(),
  /** Labelled sterile and for use with needling or intradermal use: on the allow-list (evidence.md 1.14). */
  sterileForNeedling: z.boolean(),
  lowStockThreshold: z.number().int(),
  active: z.boolean(),
  quantityOnHand: z.number().int(),
});
export type InventoryProduct = z.infer<typeof InventoryProduct>;

export const CreateProductRequest = z
  .object({
    name: z.string().trim().min(1).max(200),
    kind: ProductKind,
    gtin: z
      .string()
      .regex(/^\d{8,14}$/)
      .nullable()
      .default(null),
    needleCount: z.number().int().min(1).max(1000).nullable().default(null),
    sterileForNeedling: z.boolean().default(false),
    lowStockThreshold: z.number().int().min(0).max(100000).default(5),
  })
  .strict();
export const UpdateProductRequest = CreateProductRequest.partial()
  .extend({ active: z.boolean().optional() })
  .strict();

export const InventoryLot = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  productName: z.string(),
  gtin: z.string().nullable(),
  lot: z.string(),
  expiry: z.string(),
  quantityOnHand: z.number().int(),
  receivedAt: z.string(),
});
export type InventoryLot = z.infer<typeof InventoryLot>;

export const ReceiveLotRequest = z
  .object({
    productId: z.uuid(),
    lot: z.string().trim().min(1).max(80),
    expiry: z.iso.date(),
    quantity: z.number().int().min(1).max(100000),
  })
  .strict();

export const LotsQuery = z
  .object({
    productId: z.uuid().optional(),
    gtin: z
      .string()
      .regex(/^\d{8,14}$/)
      .optional(),
    lot: z.string().max(80).optional(),
  })
  .strict();
export const LotList = z.object({ lots: z.array(InventoryLot) });
export const ProductList = z.object({ products: z.array(InventoryProduct) });

export const DeviceService = z.object({
  id: z.uuid(),
  name: z.string(),
  serialNumber: z.string().nullable(),
  model: z.string().nullable(),
  lastServicedOn: z.string().nullable(),
  nextServiceDueOn: z.string().nullable(),
  active: z.boolean(),
});
export const DeviceServiceList = z.object({ devices: z.array(DeviceService) });
export const UpdateDeviceServiceRequest = z
  .object({
    model: z.string().trim().max(200).nullable().optional(),
    lastServicedOn: z.iso.date().nullable().optional(),
    nextServiceDueOn: z.iso.date().nullable().optional(),
  })
  .strict();

export const InventoryAlerts = z.object({
  expiring: z.array(InventoryLot.extend({ expired: z.boolean() })),
  lowStock: z.array(InventoryProduct),
  serviceDue: z.array(DeviceService),
});
export const AlertsQuery = z
  .object({ withinDays: z.coerce.number().int().min(0).max(365).default(60) })
  .strict();

export const AllowListEntry = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.enum(['glide', 'adjunct'])),
  builtIn: z.boolean(),
  sources: z.array(z.string()),
});
export const AllowList = z.object({ products: z.array(AllowListEntry) });

export const LotLookupQuery = z
  .object({
    lot: z.string().trim().min(1).max(80),
    gtin: z
      .string()
      .regex(/^\d{8,14}$/)
      .optional(),
  })
  .strict();
export const LotLookupRow = z.object({
  patientId: z.uuid(),
  patientName: z.string(),
  birthDate: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  recordId: z.uuid(),
  recordStatus: z.enum(['draft', 'signed']),
  treatedAt: z.string(),
  productName: z.string(),
  gtin: z.string().nullable(),
  lot: z.string(),
  expiry: z.string(),
  providerName: z.string(),
});
export type LotLookupRow = z.infer<typeof LotLookupRow>;
export const LotLookupResult = z.object({ lot: z.string(), patients: z.array(LotLookupRow) });
