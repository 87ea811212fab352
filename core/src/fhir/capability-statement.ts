/**
 * The server's CapabilityStatement, built from the same table the search follows (`fhir-search.ts`), so it
 * states exactly what is served: read and search on every type, history and vread on Patient (the record keeps
 * patient versions), $everything, Bulk Data export, and SMART Backend Services.
 */
import { searchParams, servedTypes } from './fhir-search';

export interface CapabilityOptions {
  /** The FHIR base URL, e.g. https://clinic.example/fhir/R4 */
  baseUrl: string;
  /** The software's version. */
  version: string;
  /** When the statement was generated (the caller's clock). */
  date: string;
}

const versioned = new Set(['Patient']);

export function smartEndpoints(baseUrl: string) {
  return { token: `${baseUrl}/auth/token` };
}

/** The `.well-known/smart-configuration` document (SMART App Launch 2, backend services). */
export function smartConfiguration(baseUrl: string) {
  return {
    token_endpoint: smartEndpoints(baseUrl).token,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    grant_types_supported: ['client_credentials'],
    scopes_supported: ['system/*.rs', 'system/*.read', ...servedTypes.map((t) => `system/${t}.rs`)],
    capabilities: ['client-confidential-asymmetric', 'permission-v2', 'permission-v1'],
  };
}

export function capabilityStatement(options: CapabilityOptions) {
  const resource = servedTypes.map((type) => ({
    type,
    profile: `http://hl7.org/fhir/StructureDefinition/${type}`,
    interaction: [
      { code: 'read' },
      ...(versioned.has(type) ? [{ code: 'vread' }, { code: 'history-instance' }] : []),
      { code: 'search-type' },
    ],
    versioning: versioned.has(type) ? 'versioned' : 'no-version',
    readHistory: versioned.has(type),
    updateCreate: false,
    searchParam: Object.entries(searchParams[type]).map(([name, def]) => ({
      name,
      type: def.type,
      documentation: def.documentation,
    })),
    ...(type === 'Patient'
      ? {
          operation: [
            { name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything' },
            {
              name: 'export',
              definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export',
            },
          ],
        }
      : {}),
  }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: options.date,
    publisher: 'Needlepoint',
    kind: 'instance',
    instantiates: ['http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data'],
    software: { name: 'Needlepoint', version: options.version },
    implementation: { description: 'Needlepoint clinic record, FHIR R4 API', url: options.baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Read and search for systems (SMART Backend Services, system scopes) and signed-in staff. Search answers ' +
          'a searchset Bundle with self and next links (cursor paging). Unknown search parameters are ignored ' +
          'unless the request says Prefer: handling=strict. Bulk Data $export writes NDJSON files.',
        security: {
          cors: false,
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'SMART-on-FHIR',
                },
              ],
              text: 'SMART Backend Services (client_credentials with a private_key_jwt assertion, RS384 or ES384)',
            },
          ],
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [{ url: 'token', valueUri: smartEndpoints(options.baseUrl).token }],
            },
          ],
        },
        resource,
        interaction: [{ code: 'batch' }, { code: 'transaction' }],
        operation: [
          { name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export' },
        ],
      },
    ],
  };
}
