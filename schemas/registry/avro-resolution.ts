import avro from 'avsc';

/** Avro Java's SchemaCompatibility incompatibility types, which Confluent reports. */
export type IncompatibilityType =
  | 'NAME_MISMATCH'
  | 'FIXED_SIZE_MISMATCH'
  | 'MISSING_ENUM_SYMBOLS'
  | 'READER_FIELD_MISSING_DEFAULT_VALUE'
  | 'TYPE_MISMATCH'
  | 'MISSING_UNION_BRANCH';

export interface Incompatibility {
  readonly type: IncompatibilityType;
  /** JSON-pointer-like path in the reader's schema: `/fields/1/type`. */
  readonly location: string;
  readonly message: string;
}

/** Avro's resolution rules, as avsc implements them: can data written with `writer` be read as `reader`? */
export function canRead(reader: avro.Type, writer: avro.Type): boolean {
  try {
    reader.createResolver(writer);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why `reader` cannot read what `writer` wrote; empty when it can. The verdict is avsc's
 * `createResolver`; this walk only descends to the places where resolution fails, to name them
 * the way Avro Java does (avsc's error says what failed, not where).
 */
export function readerIncompatibilities(reader: avro.Type, writer: avro.Type): Incompatibility[] {
  if (canRead(reader, writer)) return [];
  const found: Incompatibility[] = [];
  explain(reader, writer, '', found, new Map());
  return found.length > 0 ? found : [mismatch(reader, writer, '')];
}

type Visiting = Map<avro.Type, Set<avro.Type>>;

const { ArrayType, EnumType, FixedType, MapType, RecordType } = avro.types;

function isUnion(type: avro.Type): type is avro.types.UnwrappedUnionType | avro.types.WrappedUnionType {
  return avro.Type.isType(type, 'union');
}

function javaName(type: avro.Type): string {
  if (isUnion(type)) return 'UNION';
  return (type.typeName === 'error' ? 'record' : type.typeName).toUpperCase();
}

const at = (path: string): string => (path === '' ? '/' : path);

function mismatch(reader: avro.Type, writer: avro.Type, path: string): Incompatibility {
  return {
    type: 'TYPE_MISMATCH',
    location: at(path),
    message: `reader type: ${javaName(reader)} not compatible with writer type: ${javaName(writer)}`,
  };
}

function namesMatch(reader: avro.Type, writer: avro.Type): boolean {
  return reader.name === writer.name || (writer.name !== undefined && (reader.aliases ?? []).includes(writer.name));
}

/**
 * Like Avro Java, a pair already being explained counts as compatible where a recursive schema
 * meets it again: its problems are reported once, where they are.
 */
function fails(reader: avro.Type, writer: avro.Type, visiting: Visiting): boolean {
  return visiting.get(reader)?.has(writer) !== true && !canRead(reader, writer);
}

function explain(reader: avro.Type, writer: avro.Type, path: string, found: Incompatibility[], visiting: Visiting): void {
  const seen = visiting.get(reader) ?? new Set<avro.Type>();
  if (seen.has(writer)) return;
  visiting.set(reader, seen.add(writer));
  if (isUnion(writer)) {
    writer.types.forEach((branch, i) => {
      if (fails(reader, branch, visiting)) explain(reader, branch, `${path}/${i}`, found, visiting);
    });
  } else if (isUnion(reader)) {
    if (reader.types.some((branch) => !fails(branch, writer, visiting))) return;
    found.push({ type: 'MISSING_UNION_BRANCH', location: at(path), message: `reader union lacking writer type: ${javaName(writer)}` });
  } else if (javaName(reader) !== javaName(writer)) {
    found.push(mismatch(reader, writer, path));
  } else if (!namesMatch(reader, writer)) {
    found.push({ type: 'NAME_MISMATCH', location: `${path}/name`, message: `expected: ${writer.name ?? ''}` });
  } else if (reader instanceof RecordType && writer instanceof RecordType) {
    explainRecord(reader, writer, path, found, visiting);
  } else if (reader instanceof EnumType && writer instanceof EnumType) {
    const missing = writer.symbols.filter((s) => !reader.symbols.includes(s));
    const readerDefault = (reader as unknown as { default?: string }).default;
    if (missing.length > 0 && readerDefault === undefined) {
      found.push({ type: 'MISSING_ENUM_SYMBOLS', location: `${path}/symbols`, message: `[${missing.join(', ')}]` });
    }
  } else if (reader instanceof FixedType && writer instanceof FixedType) {
    found.push({ type: 'FIXED_SIZE_MISMATCH', location: `${path}/size`, message: `expected: ${writer.size}, found: ${reader.size}` });
  } else if (reader instanceof ArrayType && writer instanceof ArrayType) {
    explain(reader.itemsType, writer.itemsType, `${path}/items`, found, visiting);
  } else if (reader instanceof MapType && writer instanceof MapType) {
    explain(reader.valuesType as avro.Type, writer.valuesType as avro.Type, `${path}/values`, found, visiting);
  } else {
    found.push(mismatch(reader, writer, path));
  }
}

function explainRecord(
  reader: avro.types.RecordType,
  writer: avro.types.RecordType,
  path: string,
  found: Incompatibility[],
  visiting: Visiting,
): void {
  reader.fields.forEach((field, i) => {
    const names = [field.name, ...field.aliases];
    const written = writer.fields.find((w) => names.includes(w.name));
    if (written === undefined) {
      if (field.defaultValue() === undefined) {
        found.push({ type: 'READER_FIELD_MISSING_DEFAULT_VALUE', location: `${path}/fields/${i}`, message: field.name });
      }
    } else if (fails(field.type, written.type, visiting)) {
      explain(field.type, written.type, `${path}/fields/${i}/type`, found, visiting);
    }
  });
}
