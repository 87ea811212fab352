import type { InventoryLot, InventoryProduct, LotLookupRow } from '@needlepoint/core/contracts/inventory';
import { DomainError } from '@needlepoint/core/errors';
import { toCsv } from '@needlepoint/core/treatment/adverse-events';
import { builtInAllowedProducts, type AllowedProduct } from '@needlepoint/core/treatment/rules';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { clinicTimeZone } from '../clinic/clinic.service';
import * as repo from './inventory.repo';

export interface InventoryDeps {
  db: Database;
  clock: Clock;
}

const toProduct = (p: repo.ProductRow): InventoryProduct => ({
  id: p.id,
  name: p.name,
  kind: p.kind,
  gtin: p.gtin,
  needleCount: p.needle_count,
  sterileForNeedling: p.sterile_for_needling,
  lowStockThreshold: p.low_stock_threshold,
  active: p.active,
  quantityOnHand: p.quantity_on_hand,
});

export const toLot = (l: repo.LotRow): InventoryLot => ({
  id: l.id,
  productId: l.product_id,
  productName: l.product_name,
  gtin: l.gtin,
  lot: l.lot,
  expiry: l.expiry,
  quantityOnHand: l.quantity_on_hand,
  receivedAt: l.received_at.toISOString(),
});

const toDevice = (d: repo.DeviceRow) => ({
  id: d.id,
  name: d.name,
  serialNumber: d.serial_number,
  model: d.model,
  lastServicedOn: d.last_serviced_on,
  nextServiceDueOn: d.next_service_due_on,
  active: d.active,
});

/** The clinic's local calendar date now. */
export async function clinicToday(client: Queryable, clock: Clock, clinicId: string): Promise<string> {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: await clinicTimeZone(client, clinicId),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(clock.now());
}

export async function listProducts(deps: InventoryDeps, actor: Actor): Promise<InventoryProduct[]> {
  return (await repo.listProducts(deps.db.pool, actor.clinicId)).map(toProduct);
}

export async function createProduct(
  deps: InventoryDeps,
  actor: Actor,
  input: repo.NewProduct,
): Promise<InventoryProduct> {
  return deps.db.transaction(async (client) => {
    const id = await repo.insertProduct(client, actor.clinicId, input);
    await recordAudit(client, actor, {
      action: 'inventory.product-created',
      entityType: 'inventory-product',
      entityId: id,
      details: { ...input },
    });
    return toProduct((await repo.findProduct(client, actor.clinicId, id))!);
  });
}

export async function updateProduct(
  deps: InventoryDeps,
  actor: Actor,
  id: string,
  change: Partial<repo.NewProduct> & { active?: boolean },
): Promise<InventoryProduct> {
  return deps.db.transaction(async (client) => {
    if (!(await repo.updateProduct(client, actor.clinicId, id, change)))
      throw new DomainError('INVENTORY_PRODUCT_NOT_FOUND', 'No such product in this clinic');
    await recordAudit(client, actor, {
      action: 'inventory.product-updated',
      entityType: 'inventory-product',
      entityId: id,
      details: { ...change },
    });
    return toProduct((await repo.findProduct(client, actor.clinicId, id))!);
  });
}

export async function listLots(
  deps: InventoryDeps,
  actor: Actor,
  q: { productId?: string | undefined; gtin?: string | undefined; lot?: string | undefined },
): Promise<InventoryLot[]> {
  return (await repo.listLots(deps.db.pool, actor.clinicId, q)).map(toLot);
}

/** Stock received: a new lot, or more of a lot already in stock (same product, lot and expiry). */
export async function receiveLot(
  deps: InventoryDeps,
  actor: Actor,
  input: { productId: string; lot: string; expiry: string; quantity: number },
): Promise<InventoryLot> {
  return deps.db.transaction(async (client) => {
    if (!(await repo.findProduct(client, actor.clinicId, input.productId)))
      throw new DomainError('INVENTORY_PRODUCT_NOT_FOUND', 'No such product in this clinic', {
        fields: [{ path: 'body.productId', message: 'Unknown product' }],
      });
    const lot = await repo.receiveLot(client, actor.clinicId, input);
    if (lot.expiry !== input.expiry) {
      throw new DomainError(
        'INVENTORY_LOT_EXPIRY_MISMATCH',
        `Lot ${input.lot} is already in stock with expiry ${lot.expiry}`,
        {
          fields: [{ path: 'body.expiry', message: `This lot expires ${lot.expiry}` }],
        },
      );
    }
    await repo.changeStock(client, actor.clinicId, {
      lotId: lot.id,
      change: input.quantity,
      reason: 'received',
      recordId: null,
      by: actor.userId,
    });
    await recordAudit(client, actor, {
      action: 'inventory.lot-received',
      entityType: 'inventory-lot',
      entityId: lot.id,
      details: { ...input },
    });
    return toLot((await repo.findLot(client, actor.clinicId, lot.id))!);
  });
}

export async function listDeviceService(deps: InventoryDeps, actor: Actor) {
  return (await repo.listDevices(deps.db.pool, actor.clinicId)).map(toDevice);
}

export async function updateDeviceService(
  deps: InventoryDeps,
  actor: Actor,
  id: string,
  change: { model?: string | null; lastServicedOn?: string | null; nextServiceDueOn?: string | null },
) {
  return deps.db.transaction(async (client) => {
    if (!(await repo.updateDeviceService(client, actor.clinicId, id, change)))
      throw new DomainError('NOT_FOUND', 'No such device in this clinic');
    await recordAudit(client, actor, {
      action: 'inventory.device-serviced',
      entityType: 'device',
      entityId: id,
      details: { ...change },
    });
    return toDevice((await repo.findDevice(client, actor.clinicId, id))!);
  });
}

/** Lots expiring within `withinDays` (or expired) still in stock, products below their threshold, devices due. */
export async function inventoryAlerts(deps: InventoryDeps, actor: Actor, withinDays: number) {
  const today = await clinicToday(deps.db.pool, deps.clock, actor.clinicId);
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + withinDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const [lots, products, devices] = await Promise.all([
    repo.expiringLots(deps.db.pool, actor.clinicId, until),
    repo.listProducts(deps.db.pool, actor.clinicId),
    repo.listDevices(deps.db.pool, actor.clinicId),
  ]);
  return {
    expiring: lots.map((l) => ({ ...toLot(l), expired: l.expiry < today })),
    lowStock: products.filter((p) => p.active && p.quantity_on_hand <= p.low_stock_threshold).map(toProduct),
    serviceDue: devices
      .filter((d) => d.active && d.next_service_due_on !== null && d.next_service_due_on <= until)
      .map(toDevice),
  };
}

/** The allow-list of sterile products for use with needling: built-in entries and the clinic's flagged products. */
export async function allowListOf(client: Queryable, clinicId: string): Promise<AllowedProduct[]> {
  const own = (await repo.listProducts(client, clinicId))
    .filter((p) => p.active && p.sterile_for_needling && (p.kind === 'glide' || p.kind === 'adjunct'))
    .map((p): AllowedProduct => ({
      id: p.id,
      name: p.name,
      roles: [p.kind as 'glide' | 'adjunct'],
      why: 'Clinic stock labelled sterile for use with needling',
      sources: [],
      evidenceLevel: 'clinic-page',
    }));
  return [...builtInAllowedProducts, ...own];
}

export async function getAllowList(deps: InventoryDeps, actor: Actor) {
  const list = await allowListOf(deps.db.pool, actor.clinicId);
  return {
    products: list.map((p) => ({
      id: p.id,
      name: p.name,
      roles: [...p.roles],
      builtIn: builtInAllowedProducts.some((b) => b.id === p.id),
      sources: p.sources,
    })),
  };
}

/** A stocked lot for charting (inside the caller's transaction). */
export async function lotForUse(client: Queryable, clinicId: string, lotId: string): Promise<repo.LotRow> {
  const lot = await repo.findLot(client, clinicId, lotId);
  if (!lot) throw new DomainError('INVENTORY_LOT_NOT_FOUND', "No such lot in this clinic's stock");
  return lot;
}

/** Decrements stocked lots used by a record being signed, in the signing transaction. */
export async function useLots(
  client: Queryable,
  actor: Actor,
  recordId: string,
  uses: readonly { lotId: string; quantity: number }[],
): Promise<void> {
  for (const use of uses) {
    await repo.changeStock(client, actor.clinicId, {
      lotId: use.lotId,
      change: -use.quantity,
      reason: 'used',
      recordId,
      by: actor.userId,
    });
  }
}

export async function deviceOf(client: Queryable, clinicId: string, id: string) {
  const d = await repo.findDevice(client, clinicId, id);
  return d ? toDevice(d) : undefined;
}

const toLookupRow = (r: repo.LotLookupRow): LotLookupRow => ({
  patientId: r.patient_id,
  patientName: r.patient_name,
  birthDate: r.birth_date,
  email: r.email,
  phone: r.phone,
  recordId: r.record_id,
  recordStatus: r.record_status,
  treatedAt: r.treated_at.toISOString(),
  productName: r.product_name,
  gtin: r.gtin,
  lot: r.lot,
  expiry: r.expiry ?? '',
  providerName: r.provider_name,
});

/** Recall: which patients were treated with lot X, with contact details. Audited (patient data is read). */
export async function lookupLot(
  deps: InventoryDeps,
  actor: Actor,
  lot: string,
  gtin: string | null,
  format: 'json' | 'csv',
): Promise<LotLookupRow[]> {
  return deps.db.transaction(async (client) => {
    const rows = (await repo.patientsByLot(client, actor.clinicId, lot, gtin)).map(toLookupRow);
    await recordAudit(client, actor, {
      action: format === 'csv' ? 'inventory.lot-lookup-exported' : 'inventory.lot-lookup',
      entityType: 'lot',
      entityId: null,
      details: { lot, gtin, patients: [...new Set(rows.map((r) => r.patientId))] },
    });
    return rows;
  });
}

export function lotLookupCsv(rows: readonly LotLookupRow[]): string {
  return toCsv(
    rows.map((r) => ({
      patient: r.patientName,
      birth_date: r.birthDate,
      email: r.email ?? '',
      phone: r.phone ?? '',
      treated_at: r.treatedAt,
      product: r.productName,
      gtin: r.gtin ?? '',
      lot: r.lot,
      expiry: r.expiry,
      provider: r.providerName,
      record_status: r.recordStatus,
      record_id: r.recordId,
    })),
    [
      'patient',
      'birth_date',
      'email',
      'phone',
      'treated_at',
      'product',
      'gtin',
      'lot',
      'expiry',
      'provider',
      'record_status',
      'record_id',
    ],
  );
}
