import { z } from 'zod';
import { locales } from '../i18n/locale';

export const Id = z.uuid();
export const IdParams = z.object({ id: z.uuid() }).strict();
export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime({ offset: true });
export const Email = z
  .email('Enter a valid email address')
  .max(254)
  .transform((value) => value.toLowerCase());
export const Ok = z.object({ ok: z.literal(true) });
/** A language the portal and patient messages exist in. */
export const localeSchema = z.enum(locales);

/** A NUL character or a UTF-16 surrogate without its pair: text PostgreSQL cannot store (or store as JSON). */
const unsafeText = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const unsafeTextMessage = 'Contains a NUL character or an unpaired surrogate';

export function isSafeText(value: string): boolean {
  return !unsafeText.test(value);
}

/**
 * Where in `value` (any parsed JSON, query or params) a string or key is not safe text, as a path like
 * `name.0.given`; null when all of it is safe. Walks iteratively, so deep nesting cannot overflow the stack.
 */
export function findUnsafeText(value: unknown): string | null {
  interface Node {
    value: unknown;
    key: string | null;
    parent: Node | null;
  }
  const pathOf = (node: Node): string => {
    const keys: string[] = [];
    for (let n: Node | null = node; n && n.key !== null; n = n.parent) keys.push(n.key);
    return keys.reverse().join('.');
  };
  const stack: Node[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === 'string') {
      if (!isSafeText(v)) return pathOf(node);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ value: v[i], key: String(i), parent: node });
    } else if (v && typeof v === 'object') {
      for (const [key, inner] of Object.entries(v)) {
        if (!isSafeText(key)) return pathOf(node) || '(key)';
        stack.push({ value: inner, key, parent: node });
      }
    }
  }
  return null;
}

/** The shared string schema: any text a person or a system sends, refused when PostgreSQL could not store it. */
export const Text = z.string().refine(isSafeText, unsafeTextMessage);
