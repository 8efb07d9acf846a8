import fc from 'fast-check';

/** Strings an attacker sends: SQL, HTML/script, traversal, control characters, formula injection, long text. */
export const hostileStrings = [
  "'; DROP TABLE audit_log; --",
  "' OR '1'='1",
  'Robert"); DELETE FROM metadata_documents; --',
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '=HYPERLINK("http://evil.example","点我")',
  '${7*7}{{7*7}}',
  '\u0000\u0001\u001f',
  '\u202e\u200b\ufeff',
  '😀🐑'.repeat(50),
  '长'.repeat(1000),
  'x'.repeat(1000),
  'A'.repeat(200_000),
  ' ',
  '',
  '__proto__',
  'constructor',
];

export const hostileString = fc.constantFrom(...hostileStrings);

/** Deeply nested objects and arrays (a parser's stack, not the network, is the target). */
function deep(levels: number, kind: 'object' | 'array'): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < levels; level += 1) value = kind === 'object' ? { a: value, __proto__: { polluted: true } } : [value];
  return value;
}

/** Values of the wrong shape entirely. */
export const wildValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, maxKeys: 5, withBigInt: false, withNullPrototype: true }),
  hostileString,
  fc.constantFrom<unknown>(
    null,
    undefined,
    0,
    -1,
    Number.MAX_SAFE_INTEGER,
    1e308,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    [],
    {},
    deep(500, 'object'),
    deep(500, 'array'),
    Array.from({ length: 10_000 }, (_, index) => index),
    { __proto__: { isAdmin: true } },
    JSON.parse('{"__proto__": {"polluted": true}}'),
  ),
);

type ZodLike = { _zod: { def: Record<string, any> } };

function isZod(value: unknown): value is ZodLike {
  return !!value && typeof value === 'object' && '_zod' in value;
}

/**
 * An arbitrary for inputs shaped like a zod 4 schema: right structure, enums and literals, but
 * strings, numbers and lengths drawn from hostile and random values, and now and then a value of the
 * wrong type anywhere in the tree.
 */
export function arbitraryFromZod(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (!isZod(schema) || depth > 8) return wildValue;
  const def = schema._zod.def;
  const inner = (value: unknown) => arbitraryFromZod(value, depth + 1);
  let shaped: fc.Arbitrary<unknown>;
  switch (def.type) {
    case 'string':
      shaped = fc.oneof(
        fc.string({ maxLength: 30 }),
        hostileString,
        fc.constantFrom('admin', 'user-admin', 'role-admin', '152500', 'org-lg-centre', 'a'),
      );
      break;
    case 'number':
      shaped = fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.double(), fc.constantFrom(0, 1, -1, 2 ** 31, 1e308, Number.NaN));
      break;
    case 'boolean':
      shaped = fc.boolean();
      break;
    case 'bigint':
      shaped = fc.bigInt();
      break;
    case 'date':
      shaped = fc.date();
      break;
    case 'enum':
      shaped = fc.constantFrom(...(Object.values(def.entries) as unknown[]));
      break;
    case 'literal':
      shaped = fc.constantFrom(...(def.values as unknown[]));
      break;
    case 'null':
      shaped = fc.constant(null);
      break;
    case 'undefined':
    case 'void':
      shaped = fc.constant(undefined);
      break;
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      shaped = fc.record(Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, inner(value)])), { requiredKeys: [] });
      break;
    }
    case 'array':
      shaped = fc.array(inner(def.element), { maxLength: 4 });
      break;
    case 'tuple':
      shaped = fc.tuple(...(def.items as unknown[]).map(inner));
      break;
    case 'record':
      shaped = fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), hostileString), inner(def.valueType), { maxKeys: 3 });
      break;
    case 'optional':
      shaped = fc.option(inner(def.innerType), { nil: undefined });
      break;
    case 'nullable':
      shaped = fc.option(inner(def.innerType), { nil: null });
      break;
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      shaped = inner(def.innerType);
      break;
    case 'union':
      shaped = fc.oneof(...(def.options as unknown[]).map(inner));
      break;
    case 'intersection':
      shaped = fc
        .tuple(inner(def.left), inner(def.right))
        .map(([left, right]) => (left && right && typeof left === 'object' && typeof right === 'object' ? { ...left, ...right } : left));
      break;
    case 'pipe':
      shaped = inner(def.in);
      break;
    case 'lazy':
      shaped = depth > 5 ? fc.constant(null) : inner(def.getter());
      break;
    default:
      shaped = wildValue;
  }
  // One value in ten is of the wrong type, at any level of the tree.
  return fc.oneof({ arbitrary: shaped, weight: 9 }, { arbitrary: wildValue, weight: 1 });
}

/** The input arbitrary of a procedure: its (merged) input schemas, plus wholly wrong inputs. */
export function procedureInputArbitrary(inputs: unknown[]): fc.Arbitrary<unknown> {
  if (inputs.length === 0) return fc.oneof(fc.constant(undefined), wildValue);
  const parts = inputs.map((input) => arbitraryFromZod(input));
  const shaped =
    parts.length === 1
      ? parts[0]!
      : fc.tuple(...parts).map((values) => Object.assign({}, ...values.filter((value) => value && typeof value === 'object')));
  return fc.oneof({ arbitrary: shaped, weight: 3 }, { arbitrary: wildValue, weight: 1 });
}
