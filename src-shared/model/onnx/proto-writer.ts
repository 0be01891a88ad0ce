/**
 * Encodes a plain object as a protobuf message, driven by protobufjs reflection (field numbers,
 * types, packing from the onnx.proto descriptor) and written with protobufjs' Writer.
 *
 * Why not `Type.encode`: protobufjs generates its encoders at run time with `Function(...)`,
 * which a Content-Security-Policy without 'unsafe-eval' (the app's renderer, and any worker
 * that inherits it) refuses. Walking the reflected schema needs no eval; the output is the same
 * bytes (the ONNX tests compare it with `Type.encode`).
 */
import protobuf from 'protobufjs/light';

type PlainMessage = Record<string, unknown>;

/** Wire type of a scalar protobuf type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32). */
function wireType(type: string): number | undefined {
  return (protobuf.types.basic as Record<string, number | undefined>)[type];
}

function writeScalar(writer: protobuf.Writer, type: string, value: unknown): void {
  // Writer has one method per scalar type name (int64, float, string, bytes, ...).
  const write = (writer as unknown as Record<string, (v: unknown) => protobuf.Writer>)[type];
  if (typeof write !== 'function') throw new Error(`protobuf type ${type} is not supported`);
  write.call(writer, value);
}

function writeMessage(type: protobuf.Type, message: PlainMessage, writer: protobuf.Writer): void {
  const fields = [...type.fieldsArray].sort((a, b) => a.id - b.id);
  for (const field of fields) {
    field.resolve();
    const value = message[field.name];
    if (value === undefined || value === null) continue;
    if (field.map) throw new Error(`map field ${type.name}.${field.name} is not supported`);
    const nested = field.resolvedType instanceof protobuf.Type ? field.resolvedType : null;
    const scalar = field.resolvedType instanceof protobuf.Enum ? 'int32' : field.type;
    const values = field.repeated ? (value as unknown[]) : [value];
    if (field.repeated && values.length === 0) continue;
    if (nested) {
      for (const item of values) {
        writer.uint32(((field.id << 3) | 2) >>> 0).fork();
        writeMessage(nested, item as PlainMessage, writer);
        writer.ldelim();
      }
      continue;
    }
    const wire = wireType(scalar);
    if (wire === undefined)
      throw new Error(`field ${type.name}.${field.name} has unknown type ${field.type}`);
    if (field.repeated && field.packed && wire !== 2) {
      writer.uint32(((field.id << 3) | 2) >>> 0).fork();
      for (const item of values) writeScalar(writer, scalar, item);
      writer.ldelim();
      continue;
    }
    for (const item of values) {
      writer.uint32(((field.id << 3) | wire) >>> 0);
      writeScalar(writer, scalar, item);
    }
  }
}

/** The encoded bytes of `message` as an instance of `type` (a plain Uint8Array, never a Buffer). */
export function encodeMessage(type: protobuf.Type, message: PlainMessage): Uint8Array {
  const writer = protobuf.Writer.create();
  writeMessage(type, message, writer);
  return new Uint8Array(writer.finish());
}
