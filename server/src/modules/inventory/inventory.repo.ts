import type { Queryable } from '../../db/database';

export interface ProductRow {
  id: string;
  name: string;
  kind: 'cartridge' | 'roller' | 'glide' | 'adjunct' | 'numbing' | 'other';
  gtin: string | null;
  needle_count: number | null;
  sterile_for_needling: boolean;
  low_stock_threshold: number;
  active: boolean;
  quantity_on_hand: number;
}

const productSelect = `SELECT p.id, p.name, p.kind, p.gtin, p.needle_count, p.sterile_for_needling, p.low_stock_threshold, p.active,
    COALESCE((SELECT sum(l.quantity_on_hand) FROM inventory_lots l WHERE l.product_id = p.id AND l.clinic_id = p.clinic_id), 0)::int AS quantity_on_hand
  FROM inventory_products p`;

export async function listProducts(db: Queryable, clinicId: string): Promise<ProductRow[]> {
  const { rows } = await db.query<ProductRow>(
    `${productSelect} WHERE p.clinic_id = $1 ORDER BY p.name, p.id`,
    [clinicId],
  );
  return rows;
}

export async function findProduct(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<ProductRow | undefined> {
  const { rows } = await db.query<ProductRow>(`${productSelect} WHERE p.clinic_id = $1 AND p.id = $2`, [
    clinicId,
    id,
  ]);
  return rows[0];
}

export interface NewProduct {
  name: string;
  kind: ProductRow['kind'];
  gtin: string | null;
  needleCount: number | null;
  sterileForNeedling: boolean;
  lowStockThreshold: number;
}

export async function insertProduct(db: Queryable, clinicId: string, p: NewProduct): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO inventory_products (clinic_id, name, kind, gtin, needle_count, sterile_for_needling, low_stock_threshold)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [clinicId, p.name, p.kind, p.gtin, p.needleCount, p.sterileForNeedling, p.lowStockThreshold],
  );
  return rows[0]!.id;
}

export async function updateProduct(
  db: Queryable,
  clinicId: string,
  id: string,
  p: Partial<NewProduct> & { active?: boolean },
): Promise<boolean> {
  const columns: Record<string, unknown> = {
    name: p.name,
    kind: p.kind,
    gtin: p.gtin,
    needle_count: p.needleCount,
    sterile_for_needling: p.sterileForNeedling,
    low_stock_threshold: p.lowStockThreshold,
    active: p.active,
  };
  const set = Object.entries(columns).filter(([, v]) => v !== undefined);
  if (set.length === 0) return (await findProduct(db, clinicId, id)) !== undefined;
  const { rowCount } = await db.query(
    `UPDATE inventory_products SET ${set.map(([k], i) => `${k} = $${i + 3}`).join(', ')} WHERE clinic_id = $1 AND id = $2`,
    [clinicId, id, ...set.map(([, v]) => v)],
  );
  return (rowCount ?? 0) > 0;
}

export interface LotRow {
  id: string;
  product_id: string;
  product_name: string;
  product_kind: ProductRow['kind'];
  needle_count: number | null;
  gtin: string | null;
  lot: string;
  expiry: string;
  quantity_on_hand: number;
  received_at: Date;
}

const lotSelect = `SELECT l.id, l.product_id, p.name AS product_name, p.kind AS product_kind, p.needle_count, p.gtin, l.lot,
    l.expiry, l.quantity_on_hand, l.received_at
  FROM inventory_lots l JOIN inventory_products p ON p.id = l.product_id`;

export async function listLots(
  db: Queryable,
  clinicId: string,
  q: { productId?: string | undefined; gtin?: string | undefined; lot?: string | undefined },
): Promise<LotRow[]> {
  const { rows } = await db.query<LotRow>(
    `${lotSelect} WHERE l.clinic_id = $1 AND ($2::uuid IS NULL OR l.product_id = $2)
       AND ($3::text IS NULL OR p.gtin = $3) AND ($4::text IS NULL OR upper(l.lot) = upper($4))
     ORDER BY l.expiry, p.name, l.lot`,
    [clinicId, q.productId ?? null, q.gtin ?? null, q.lot ?? null],
  );
  return rows;
}

export async function findLot(db: Queryable, clinicId: string, id: string): Promise<LotRow | undefined> {
  const { rows } = await db.query<LotRow>(`${lotSelect} WHERE l.clinic_id = $1 AND l.id = $2`, [
    clinicId,
    id,
  ]);
  return rows[0];
}

/** Adds received stock to the lot (created on first receipt); the expiry must match an existing lot's. */
export async function receiveLot(
  db: Queryable,
  clinicId: string,
  r: { productId: string; lot: string; expiry: string; quantity: number },
): Promise<{ id: string; expiry: string }> {
  const { rows } = await db.query<{ id: string; expiry: string }>(
    `INSERT INTO inventory_lots (clinic_id, product_id, lot, expiry, quantity_on_hand) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (clinic_id, product_id, lot) DO UPDATE SET quantity_on_hand = inventory_lots.quantity_on_hand + EXCLUDED.quantity_on_hand
     RETURNING id, expiry`,
    [clinicId, r.productId, r.lot, r.expiry, r.quantity],
  );
  return rows[0]!;
}

export async function changeStock(
  db: Queryable,
  clinicId: string,
  m: {
    lotId: string;
    change: number;
    reason: 'received' | 'used' | 'adjusted';
    recordId: string | null;
    by: string | null;
  },
): Promise<void> {
  if (m.reason !== 'received') {
    await db.query(
      'UPDATE inventory_lots SET quantity_on_hand = quantity_on_hand + $3 WHERE clinic_id = $1 AND id = $2',
      [clinicId, m.lotId, m.change],
    );
  }
  await db.query(
    `INSERT INTO inventory_movements (clinic_id, lot_id, change, reason, record_id, by_user) VALUES ($1, $2, $3, $4, $5, $6)`,
    [clinicId, m.lotId, m.change, m.reason, m.recordId, m.by],
  );
}

export async function expiringLots(db: Queryable, clinicId: string, until: string): Promise<LotRow[]> {
  const { rows } = await db.query<LotRow>(
    `${lotSelect} WHERE l.clinic_id = $1 AND l.expiry <= $2 AND l.quantity_on_hand > 0 ORDER BY l.expiry, p.name`,
    [clinicId, until],
  );
  return rows;
}

export interface DeviceRow {
  id: string;
  name: string;
  serial_number: string | null;
  model: string | null;
  last_serviced_on: string | null;
  next_service_due_on: string | null;
  active: boolean;
}

const deviceSelect =
  'SELECT id, name, serial_number, model, last_serviced_on, next_service_due_on, active FROM devices';

export async function listDevices(db: Queryable, clinicId: string): Promise<DeviceRow[]> {
  const { rows } = await db.query<DeviceRow>(`${deviceSelect} WHERE clinic_id = $1 ORDER BY name, id`, [
    clinicId,
  ]);
  return rows;
}

export async function findDevice(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<DeviceRow | undefined> {
  const { rows } = await db.query<DeviceRow>(`${deviceSelect} WHERE clinic_id = $1 AND id = $2`, [
    clinicId,
    id,
  ]);
  return rows[0];
}

export async function updateDeviceService(
  db: Queryable,
  clinicId: string,
  id: string,
  change: { model?: string | null; lastServicedOn?: string | null; nextServiceDueOn?: string | null },
): Promise<boolean> {
  const columns: Record<string, unknown> = {
    model: change.model,
    last_serviced_on: change.lastServicedOn,
    next_service_due_on: change.nextServiceDueOn,
  };
  const set = Object.entries(columns).filter(([, v]) => v !== undefined);
  if (set.length === 0) return (await findDevice(db, clinicId, id)) !== undefined;
  const { rowCount } = await db.query(
    `UPDATE devices SET ${set.map(([k], i) => `${k} = $${i + 3}`).join(', ')} WHERE clinic_id = $1 AND id = $2`,
    [clinicId, id, ...set.map(([, v]) => v)],
  );
  return (rowCount ?? 0) > 0;
}

export interface LotLookupRow {
  patient_id: string;
  patient_name: string;
  birth_date: string;
  email: string | null;
  phone: string | null;
  record_id: string;
  record_status: 'draft' | 'signed';
  treated_at: Date;
  product_name: string;
  gtin: string | null;
  lot: string;
  expiry: string | null;
  provider_name: string;
}

/** Which patients were treated with a lot (case-insensitive lot, optionally one GTIN): the recall list. */
export async function patientsByLot(
  db: Queryable,
  clinicId: string,
  lot: string,
  gtin: string | null,
): Promise<LotLookupRow[]> {
  const { rows } = await db.query<LotLookupRow>(
    `SELECT p.id AS patient_id, p.given_name || ' ' || p.family_name AS patient_name, p.birth_date, p.email, p.phone,
        r.id AS record_id, r.status AS record_status, a.starts_at AS treated_at, tl.product_name, tl.gtin, tl.lot,
        tl.expiry, u.name AS provider_name
      FROM treatment_record_lots tl
      JOIN treatment_records r ON r.id = tl.record_id
      JOIN appointments a ON a.id = r.appointment_id
      JOIN patients p ON p.id = tl.patient_id
      JOIN users u ON u.id = r.provider_id
     WHERE tl.clinic_id = $1 AND tl.lot_key = upper($2) AND ($3::text IS NULL OR tl.gtin = $3)
     ORDER BY a.starts_at DESC, p.family_name, p.id`,
    [clinicId, lot, gtin],
  );
  return rows;
}
