/**
 * `nanograd export`: turns a saved model into a file another tool can use — the JSON model
 * itself (re-validated and normalized), an ONNX graph, or a self-contained PyTorch script.
 * The model is read and converted completely before anything is written, and the write is
 * atomic, so a failed export never leaves a partial or stale-looking file behind.
 */
import { Option, type Command } from 'commander';
import {
  exportModelFile,
  MODEL_EXPORT_FORMATS,
  parseModel,
  type ModelExportFormat,
} from '../../../src-shared/model';
import { writeFileAtomic } from '../../node/atomic-write';
import type { CliContext } from '../context';
import { choiceArg } from '../options';
import { checkWritable, readTextFile } from '../files';

interface ExportFlags {
  model: string;
  format: ModelExportFormat;
  out: string;
}

export function register(program: Command, context: CliContext): void {
  program
    .command('export')
    .description(
      'Export a saved model as JSON, ONNX (input "features": raw values in the model\'s input order) or a PyTorch script.',
    )
    .requiredOption('--model <model.json>', 'a model file written by `nanograd train --out` or the app')
    .addOption(
      new Option('--format <format>', 'json | onnx | pytorch')
        .choices(MODEL_EXPORT_FORMATS)
        .argParser(choiceArg('--format', MODEL_EXPORT_FORMATS))
        .makeOptionMandatory(),
    )
    .requiredOption('--out <file>', 'where to write the export (.json, .onnx or .py)')
    .action(async (flags: ExportFlags) => {
      context.exitCode = await exportCommand(flags);
    });
}

async function exportCommand(flags: ExportFlags): Promise<number> {
  await checkWritable(flags.out);
  const model = parseModel(await readTextFile(flags.model), flags.model);
  const file = exportModelFile(model, flags.format);
  await writeFileAtomic(flags.out, file.data);
  const size = typeof file.data === 'string' ? new TextEncoder().encode(file.data).length : file.data.length;
  process.stderr.write(`wrote ${flags.format} export of "${model.name}" to ${flags.out} (${size} bytes)\n`);
  return 0;
}
