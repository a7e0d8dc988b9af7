/**
 * A Stryker checker that rejects mutants TypeScript would not compile, through
 * TypeScript's language service (issue 16).
 *
 * Why not @stryker-mutator/typescript-checker: it rebuilds the project with
 * TypeScript's solution builder for every mutant, and that builder parses all
 * 1,236 files of the program again each time (747 of them are twilio's
 * declarations): about 1.7 s a mutant here, which alone put `npm run mutate`
 * past its 30 minutes. The language service keeps every unchanged parsed file
 * (its document registry), so a mutant costs one new type check of its own
 * file: about 0.13 s.
 *
 * What it checks for each mutant: the mutated file's syntax and types, and,
 * when the mutant changes what the file exports (its declaration output
 * differs from the original's), the types of every file that imports it.
 * A mutant that breaks only a file two imports away is not seen here; it
 * then runs as JavaScript (ts-jest only transpiles) and is killed or survives
 * like any other.
 */
import path from 'node:path';
import ts from 'typescript';
import { CheckStatus } from '@stryker-mutator/api/check';
import { commonTokens, declareClassPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';

/** As @stryker-mutator/typescript-checker: a mutant that leaves code unreachable or a name unused still compiles. */
const OVERRIDES = { allowUnreachableCode: true, noUnusedLocals: false, noUnusedParameters: false };

class LanguageServiceChecker {
  static inject = tokens(commonTokens.options);

  /** Current text and version of each file we changed; others are read from disk. */
  texts = new Map();
  versions = new Map();
  /** The original file's declaration output, per file, computed on first need. */
  originalDts = new Map();
  /** Who imports whom, among the project's own files. */
  importers = new Map();
  /** The project's files as they were when the run began (the working tree may change while Stryker runs). */
  originals = new Map();
  /** The file holding a mutant now (put back before another file is mutated). */
  mutated = null;

  constructor(options) {
    this.tsconfigFile = path.resolve(options.tsconfigFile ?? 'tsconfig.json');
  }

  async init() {
    const parsed = ts.getParsedCommandLineOfConfigFile(this.tsconfigFile, {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    });
    // Declarations are emitted in memory only, to tell whether a mutant changed what a file exports.
    const options = { ...parsed.options, ...OVERRIDES, noEmit: false, declaration: true, emitDeclarationOnly: true, declarationMap: false, sourceMap: false };
    this.files = new Set(parsed.fileNames.map((f) => path.resolve(f)));
    for (const f of this.files) this.originals.set(f, ts.sys.readFile(f) ?? '');
    const host = {
      getScriptFileNames: () => parsed.fileNames,
      getScriptVersion: (f) => String(this.versions.get(path.resolve(f)) ?? 0),
      getScriptSnapshot: (f) => {
        const text = this.texts.get(path.resolve(f)) ?? this.originals.get(path.resolve(f)) ?? ts.sys.readFile(f);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => process.cwd(),
      getCompilationSettings: () => options,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    };
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry());
    // The unmutated project must compile, as with Stryker's own checker.
    const errors = [...this.files].flatMap((f) => this.diagnostics(f));
    if (errors.length) throw new Error(`TypeScript errors before any mutant:\n${this.format(errors)}`);
    for (const f of this.files) {
      for (const imported of ts.preProcessFile(this.originals.get(f), true, true).importedFiles) {
        const resolved = ts.resolveModuleName(imported.fileName, f, options, ts.sys).resolvedModule;
        const target = resolved && path.resolve(resolved.resolvedFileName);
        if (!target || !this.files.has(target)) continue;
        if (!this.importers.has(target)) this.importers.set(target, new Set());
        this.importers.get(target).add(f);
      }
    }
  }

  /** Each mutant on its own (no grouping: one file's type check is cheap here). */
  async check(mutants) {
    const result = {};
    for (const mutant of mutants) {
      const errors = this.checkOne(mutant);
      result[mutant.id] = errors.length ? { status: CheckStatus.CompileError, reason: this.format(errors) } : { status: CheckStatus.Passed };
    }
    return result;
  }

  checkOne(mutant) {
    const file = path.resolve(mutant.fileName);
    if (!this.files.has(file)) return [];
    const original = this.originals.get(file);
    if (!this.originalDts.has(file)) {
      this.restore();
      this.originalDts.set(file, this.declarations(file));
    }
    if (this.mutated && this.mutated !== file) this.restore();
    const source = ts.createSourceFile(file, original, ts.ScriptTarget.Latest);
    const start = source.getPositionOfLineAndCharacter(mutant.location.start.line, mutant.location.start.column);
    const end = source.getPositionOfLineAndCharacter(mutant.location.end.line, mutant.location.end.column);
    this.setText(file, original.slice(0, start) + mutant.replacement + original.slice(end));
    this.mutated = file;
    const errors = this.diagnostics(file);
    if (errors.length || this.declarations(file) === this.originalDts.get(file)) return errors;
    return [...(this.importers.get(file) ?? [])].flatMap((f) => this.service.getSemanticDiagnostics(f));
  }

  restore() {
    if (!this.mutated) return;
    this.texts.delete(this.mutated);
    this.versions.set(this.mutated, (this.versions.get(this.mutated) ?? 0) + 1);
    this.mutated = null;
  }

  setText(file, text) {
    this.texts.set(file, text);
    this.versions.set(file, (this.versions.get(file) ?? 0) + 1);
  }

  diagnostics(file) {
    return [...this.service.getSyntacticDiagnostics(file), ...this.service.getSemanticDiagnostics(file)];
  }

  declarations(file) {
    return this.service
      .getEmitOutput(file, true)
      .outputFiles.map((o) => o.text)
      .join('');
  }

  format(errors) {
    return ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' });
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Checker, 'typescript-service', LanguageServiceChecker)];
