// The -o of the commands that change objects (apply, create, patch, set image, annotate, label),
// as kubectl's PrintFlags gives every one of them the same printers: its line, its name, the
// object as YAML or JSON, or a JSONPath or Go template's results (k8s.io/cli-runtime's
// genericclioptions.PrintFlags). Writes to the command's output only.

import type { KubeObject } from '@dsim/core';
import type { Context } from '../cli.ts';
import { GoTemplateError, parseKubectlGoTemplate, printGoTemplate } from '../print/goTemplate.ts';
import { JsonPathError, parseJsonPath, printJsonPath } from '../print/jsonpath.ts';
import { UserError } from '../session.ts';
import { printObjects } from './mutate.ts';
import { orUserError, readTemplateFile } from './read.ts';

/** How each changed object is printed: its line, its name, the object, or a template's results. */
export type Output =
  | { readonly format: '' | 'name' | 'yaml' | 'json' }
  | { readonly format: 'jsonpath'; readonly template: string; readonly asJson: boolean }
  | { readonly format: 'go-template'; readonly template: string };

/**
 * The printer -o asks for, made as kubectl's PrintFlags.ToPrinter makes it: a JSONPath or Go
 * template parsed (or read from its file) now, before anything is sent.
 */
export function outputFormat(output: string): Output {
  if (output === '' || output === 'name' || output === 'yaml' || output === 'json') return { format: output };
  const eq = output.indexOf('=');
  const format = eq === -1 ? output : output.slice(0, eq);
  const template = eq === -1 ? '' : output.slice(eq + 1);
  if (format === 'jsonpath' || format === 'jsonpath-as-json' || format === 'jsonpath-file') {
    if (template === '') throw new UserError('error: template format specified but no template given');
    const text = format === 'jsonpath-file' ? readTemplateFile(template, `error reading --template ${template}`) : template;
    orUserError(() => parseJsonPath(text));
    return { format: 'jsonpath', template: text, asJson: format === 'jsonpath-as-json' };
  }
  // kubectl's aliases: template= for go-template=, templatefile= for go-template-file=.
  if (['go-template', 'go-template-file', 'template', 'templatefile'].includes(format)) {
    if (template === '') throw new UserError('error: template format specified but no template given');
    const file = format === 'go-template-file' || format === 'templatefile';
    const text = file ? readTemplateFile(template, `error reading --template ${template}`) : template;
    orUserError(() => parseKubectlGoTemplate(text));
    return { format: 'go-template', template: text };
  }
  throw new UserError(
    `error: unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`,
  );
}

/**
 * One object printed as `output` asks: `line` (kubectl's `kind/name verb`) with no -o, the part
 * before its first space with -o name, else the object or a template's results. `separate`: a
 * YAML printer that printed an object before writes `---` first. A template that fails on the
 * object throws (JsonPathError or GoTemplateError): `templateFailure` words it.
 */
export function printObject(ctx: Context, output: Output, object: KubeObject, line: string, separate = false): void {
  if (output.format === '') ctx.io.stdout(`${line}\n`);
  else if (output.format === 'name') ctx.io.stdout(`${line.split(' ')[0]}\n`);
  else if (output.format === 'jsonpath') ctx.io.stdout(printJsonPath(output.template, object, output.asJson));
  else if (output.format === 'go-template') ctx.io.stdout(printGoTemplate(output.template, object));
  else {
    if (output.format === 'yaml' && separate) ctx.io.stdout('---\n');
    printObjects(ctx, output.format, [object], false);
  }
}

/**
 * A template's failure on one object as kubectl reports the printer's error: alone (checkErr,
 * `error: …`) and among others (an aggregate's line); a Go template's partial output and
 * debugging dump are written first, as kubectl writes them. Undefined for any other error.
 */
export function templateFailure(ctx: Context, e: unknown): { alone: string; among: string } | undefined {
  if (e instanceof GoTemplateError) {
    ctx.io.stdout(e.stdout);
    return { alone: `error: ${e.message}`, among: e.message };
  }
  // kubectl's JSONPath error ends in three newlines, of which its message here has two.
  if (e instanceof JsonPathError) return { alone: `error: ${e.message}`, among: `${e.message}\n` };
  return undefined;
}
