import avro from 'avsc';

/*
 * Hand-written rather than @ovotech/avro-ts 6.2.0 (the most complete package): it is built on
 * TypeScript 4 factory APIs that TypeScript 5 removed, so it pins a second compiler, and it emits
 * namespaces with runtime schema constants. avro-typescript emits numeric enums and `?:` fields,
 * which do not match what avsc decodes. Walking avsc's parsed types is short and exact.
 */

/** The module text for one schema: its named types as interfaces and string unions, root first. */
export function avroToTypeScript(schema: avro.Schema, source: string): string {
  const root = avro.Type.forSchema(schema);
  if (root.typeName !== 'record') throw new Error(`${source}: top-level type must be a record, got ${root.typeName}`);
  const emitter = new Emitter(source);
  emitter.reference(root, 'root');
  const header = `// Generated from ${source} by schemas/generate-types.ts: do not edit, run \`npx tsx schemas/generate-types.ts\`.\n`;
  return [header, ...emitter.blocks].join('\n');
}

class Emitter {
  readonly blocks: string[] = [];
  private readonly named = new Map<avro.Type, string>();
  private readonly takenNames = new Set<string>();

  constructor(private readonly source: string) {}

  /** The TypeScript expression of a type; a named type is declared on first use. */
  reference(type: avro.Type, path: string): string {
    const { types } = avro;
    if (type instanceof types.RecordType || type instanceof types.EnumType) return this.declare(type, path);
    if (type instanceof types.ArrayType) {
      const items = this.reference(type.itemsType, `${path}[]`);
      return items.includes(' ') ? `(${items})[]` : `${items}[]`;
    }
    if (type instanceof types.MapType) return `Record<string, ${this.reference(type.valuesType as avro.Type, `${path}{}`)}>`;
    if (type instanceof types.UnwrappedUnionType) return this.union(type, path);
    // Logical types (date, timestamp-millis...) arrive as their underlying int or long: no
    // logical-type implementations are registered with avsc, so they decode to numbers.
    const primitive = PRIMITIVES.get(type.typeName);
    if (primitive === undefined) throw new Error(`${this.source}: ${path}: unsupported Avro type ${type.typeName}`);
    return primitive;
  }

  private union(type: avro.types.UnwrappedUnionType, path: string): string {
    const branches = type.types.filter((t) => t.typeName !== 'null');
    // avsc decodes unions of several non-null branches as wrapped objects: keep to `["null", T]`.
    if (branches.length !== 1 || branches[0] === undefined) {
      throw new Error(`${this.source}: ${path}: only ["null", T] unions are supported`);
    }
    const branch = this.reference(branches[0], path);
    return branches.length < type.types.length ? `${branch} | null` : branch;
  }

  private declare(type: avro.types.RecordType | avro.types.EnumType, path: string): string {
    const known = this.named.get(type);
    if (known !== undefined) return known;
    const name = (type.name ?? '').split('.').pop() ?? '';
    if (this.takenNames.has(name)) throw new Error(`${this.source}: ${path}: two named types are called ${name}`);
    this.named.set(type, name);
    this.takenNames.add(name);
    const doc = jsDoc(type.doc, '');
    if (type instanceof avro.types.EnumType) {
      this.blocks.push(`${doc}export type ${name} = ${type.symbols.map((s) => `'${s}'`).join(' | ')};\n`);
      return name;
    }
    const at = this.blocks.length;
    this.blocks.push('');
    const fields = type.fields.map(
      (field) => `${jsDoc(docOf(field), '  ')}  ${field.name}: ${this.reference(field.type, `${path}.${field.name}`)};`,
    );
    // The record goes before the nested types its fields declared, so files read top-down.
    this.blocks[at] = `${doc}export interface ${name} {\n${fields.join('\n')}\n}\n`;
    return name;
  }
}

const PRIMITIVES = new Map([
  ['null', 'null'],
  ['boolean', 'boolean'],
  ['int', 'number'],
  ['long', 'number'],
  ['float', 'number'],
  ['double', 'number'],
  ['string', 'string'],
  ['bytes', 'Buffer'],
  ['fixed', 'Buffer'],
]);

/** avsc keeps field docs at run time but its typings omit them. */
function docOf(field: avro.types.Field): string | undefined {
  const doc: unknown = (field as { doc?: unknown }).doc;
  return typeof doc === 'string' ? doc : undefined;
}

function jsDoc(doc: string | undefined, indent: string): string {
  if (doc === undefined || doc.trim() === '') return '';
  return `${indent}/** ${doc.trim().replaceAll('*/', '*\\/').replaceAll('\n', ' ')} */\n`;
}
