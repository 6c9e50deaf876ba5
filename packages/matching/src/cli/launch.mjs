// Entry point of `pnpm match`: runs the CLI as one bundled ESM file instead of through tsx, whose
// loader costs about 140 ms per start (Node itself takes about 50). The bundle is built with esbuild
// on the first run after the sources change and kept in packages/matching/node_modules/.cache/dj-match/
// under the hash of every file that went into it, so nobody has to run a build step. Whatever goes
// wrong with the bundle (no esbuild, read-only checkout) falls back to tsx: slower, same output.
// Plain JavaScript on purpose: this file must run before anything can compile TypeScript.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const entry = join(here, 'main.ts')
// MATCH_CACHE_DIR: for the launcher's own test.
const cacheDir = process.env.MATCH_CACHE_DIR || resolve(here, '../../node_modules/.cache/dj-match')
const manifestPath = join(cacheDir, 'manifest.json')
// Part of the hash: changing the build options below must rebuild.
const BUILD = 'esm-node20-v1'

/**
 * Hash of the build options and of every input file's path and content; null when one is missing.
 * Paths are relative to this directory, so a copied checkout never trusts the original's sources.
 */
function hashInputs(inputs) {
  const h = createHash('sha256').update(BUILD)
  try {
    for (const file of inputs) h.update(`\0${file}\0`).update(readFileSync(resolve(here, file)))
  } catch {
    return null
  }
  return h.digest('hex').slice(0, 32)
}

/** The cached bundle when every input it was built from is unchanged. */
function cachedBundle() {
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
    if (manifest.hash !== hashInputs(manifest.inputs)) return null
    const bundle = join(cacheDir, `${manifest.hash}.mjs`)
    return existsSync(bundle) ? bundle : null
  } catch {
    return null
  }
}

/** esbuild as a declared dependency, else the copy tsx brings along. */
async function loadEsbuild() {
  try {
    return await import('esbuild')
  } catch {
    const tsx = createRequire(import.meta.url).resolve('tsx')
    return createRequire(tsx)('esbuild')
  }
}

async function buildBundle() {
  const esbuild = await loadEsbuild()
  const out = await esbuild.build({
    absWorkingDir: here,
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  // esbuild reports them relative to absWorkingDir, which is this directory.
  const inputs = Object.keys(out.metafile.inputs)
  const hash = hashInputs(inputs)
  if (hash === null) throw new Error('an input vanished during the build')
  mkdirSync(cacheDir, { recursive: true })
  // Write then rename: a concurrent run sees either the old files or the complete new ones.
  const bundle = join(cacheDir, `${hash}.mjs`)
  const tmp = `.${process.pid}.tmp`
  writeFileSync(bundle + tmp, out.outputFiles[0].contents)
  renameSync(bundle + tmp, bundle)
  writeFileSync(manifestPath + tmp, JSON.stringify({ hash, inputs }))
  renameSync(manifestPath + tmp, manifestPath)
  return bundle
}

async function viaTsx() {
  const { register } = await import('tsx/esm/api')
  register()
  await import(pathToFileURL(entry).href)
}

let bundle = process.env.MATCH_NO_BUNDLE ? null : cachedBundle()
if (bundle === null && !process.env.MATCH_NO_BUNDLE) {
  try {
    bundle = await buildBundle()
  } catch (e) {
    if (process.env.MATCH_DEBUG) process.stderr.write(`match: no bundle (${e.message}); using tsx\n`)
  }
}
// Errors of the CLI itself must propagate, so only the choice of the path is guarded above.
if (bundle === null) await viaTsx()
else await import(pathToFileURL(bundle).href)
