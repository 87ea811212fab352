import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '@needlepoint/core/contracts/common';
import {
  AlertsQuery,
  AllowList,
  CreateProductRequest,
  DeviceService,
  DeviceServiceList,
  InventoryAlerts,
  InventoryLot,
  InventoryProduct,
  LotList,
  LotLookupQuery,
  LotLookupResult,
  LotsQuery,
  ProductList,
  ReceiveLotRequest,
  UpdateDeviceServiceRequest,
  UpdateProductRequest,
} from '@needlepoint/core/contracts/inventory';
import type { Database } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { actorOf } from '../../platform/session';
import * as inventory from './inventory.service';

/** Products, lots (received and used), device service dates, alerts, the allow-list and the lot lookup for recalls. */
export function inventoryRoutes(deps: { db: Database; clock: Clock }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['inventory'];
    const read = { access: 'inventory:read' } as const;
    const manage = { access: 'inventory:manage' } as const;

    app.get(
      '/api/inventory/products',
      { schema: { tags, response: { 200: ProductList } }, config: read },
      async (request) => ({ products: await inventory.listProducts(deps, actorOf(request)) }),
    );
    app.post(
      '/api/inventory/products',
      { schema: { tags, body: CreateProductRequest, response: { 201: InventoryProduct } }, config: manage },
      async (request, reply) =>
        reply.status(201).send(await inventory.createProduct(deps, actorOf(request), request.body)),
    );
    app.patch(
      '/api/inventory/products/:id',
      {
        schema: { tags, params: IdParams, body: UpdateProductRequest, response: { 200: InventoryProduct } },
        config: manage,
      },
      async (request) => inventory.updateProduct(deps, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/inventory/lots',
      { schema: { tags, querystring: LotsQuery, response: { 200: LotList } }, config: read },
      async (request) => ({ lots: await inventory.listLots(deps, actorOf(request), request.query) }),
    );
    app.post(
      '/api/inventory/lots',
      { schema: { tags, body: ReceiveLotRequest, response: { 201: InventoryLot } }, config: manage },
      async (request, reply) =>
        reply.status(201).send(await inventory.receiveLot(deps, actorOf(request), request.body)),
    );
    app.get(
      '/api/inventory/devices',
      { schema: { tags, response: { 200: DeviceServiceList } }, config: read },
      async (request) => ({ devices: await inventory.listDeviceService(deps, actorOf(request)) }),
    );
    app.patch(
      '/api/inventory/devices/:id',
      {
        schema: {
          tags,
          params: IdParams,
          body: UpdateDeviceServiceRequest,
          response: { 200: DeviceService },
        },
        config: manage,
      },
      async (request) =>
        inventory.updateDeviceService(deps, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/inventory/alerts',
      { schema: { tags, querystring: AlertsQuery, response: { 200: InventoryAlerts } }, config: read },
      async (request) => inventory.inventoryAlerts(deps, actorOf(request), request.query.withinDays),
    );
    app.get(
      '/api/inventory/allow-list',
      { schema: { tags, response: { 200: AllowList } }, config: read },
      async (request) => inventory.getAllowList(deps, actorOf(request)),
    );
    app.get(
      '/api/recalls/lots',
      { schema: { tags, querystring: LotLookupQuery, response: { 200: LotLookupResult } }, config: read },
      async (request) => ({
        lot: request.query.lot,
        patients: await inventory.lookupLot(
          deps,
          actorOf(request),
          request.query.lot,
          request.query.gtin ?? null,
          'json',
        ),
      }),
    );
    app.get(
      '/api/recalls/lots.csv',
      { schema: { tags, querystring: LotLookupQuery, response: { 200: z.string() } }, config: read },
      async (request, reply) => {
        const rows = await inventory.lookupLot(
          deps,
          actorOf(request),
          request.query.lot,
          request.query.gtin ?? null,
          'csv',
        );
        const safe = request.query.lot.replace(/[^A-Za-z0-9_-]/g, '_');
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="lot-${safe}-patients.csv"`)
          .send(inventory.lotLookupCsv(rows));
      },
    );
  };
}
