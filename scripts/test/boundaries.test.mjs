// The boundary guard of `pnpm lint`: clean on the real workspace, and failing on each kind of
// planted import in a small workspace built for the test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { checkBoundaries, importsOf } from '../check-boundaries.mjs'

const repo = join(dirname(fileURLToPath(import.meta.url)), '../..')

t.test('the real workspace keeps its boundaries', async (t) => {
  t.same(checkBoundaries(repo), [])
})

t.test('imports are found in every form', async (t) => {
  const text = [
    "import a from 'a'",
    "import type { B } from 'b'",
    "export { c } from 'c'",
    "import {\n  d,\n  e,\n} from 'd'",
    "import 'side-effect'",
    "const m = await import('dynamic')",
  ].join('\n')
  t.same(importsOf(text), ['a', 'b', 'c', 'd', 'side-effect', 'dynamic'])
})

function workspace(t, packages) {
  const root = mkdtempSync(join(tmpdir(), 'dj-boundaries-'))
  t.teardown(() => rmSync(root, { recursive: true, force: true }))
  for (const [dir, { deps = [], files = {} }] of Object.entries(packages)) {
    mkdirSync(join(root, dir), { recursive: true })
    const name = `@dj/${dir.split('/')[1]}`
    const dependencies = Object.fromEntries(deps.map((d) => [d, 'workspace:*']))
    writeFileSync(join(root, dir, 'package.json'), JSON.stringify({ name, dependencies }))
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, dir, file)), { recursive: true })
      writeFileSync(join(root, dir, file), text)
    }
  }
  return root
}

const clean = {
  'packages/vocabulary': { files: { 'src/index.ts': 'export const SIDES = []\n' } },
  'packages/matching': {
    deps: ['@dj/vocabulary'],
    files: { 'src/index.ts': "import { SIDES } from '@dj/vocabulary'\nexport { SIDES }\n" },
  },
  'packages/db': { files: { 'src/index.ts': "import postgres from 'postgres'\nexport { postgres }\n" } },
  'packages/stack': {
    deps: ['@dj/api'],
    files: { 'src/index.ts': "export { buildApp } from '@dj/api'\n" },
  },
  'services/api': {
    deps: ['@dj/db', '@dj/stack'],
    files: {
      'src/app.ts':
        "import { postgres } from '@dj/db'\nimport { x } from './x.js'\nexport const buildApp = () => postgres\n",
      'src/x.ts': 'export const x = 1\n',
      'test/app.test.ts': "import { buildApp } from '@dj/stack'\n",
    },
  },
  'services/web': { files: { 'src/app.ts': 'export {}\n' } },
  'services/matcher': { files: { 'src/worker.ts': 'export const startMatcher = () => {}\n' } },
}

t.test('a clean workspace passes', async (t) => {
  t.same(checkBoundaries(workspace(t, clean)), [])
})

const planted = [
  [
    'a test of one service importing another service by a relative path',
    'services/api/test/round.test.ts',
    "import { startMatcher } from '../../matcher/src/worker.js'\n",
    /services\/api\/test\/round\.test\.ts: relative import into services\/matcher/,
  ],
  [
    'a service importing another service by name',
    'services/web/src/matcher.ts',
    "import { startMatcher } from '@dj/matcher'\n",
    /services\/web\/src\/matcher\.ts: service imports another service/,
  ],
  [
    'a pure package importing I/O',
    'packages/matching/src/load.ts',
    "import { readFileSync } from 'node:fs'\n",
    /packages\/matching\/src\/load\.ts: pure package imports I\/O \(node:fs\)/,
  ],
  [
    'a pure package importing the database package',
    'packages/matching/src/db.ts',
    "import { postgres } from '@dj/db'\n",
    /packages\/matching\/src\/db\.ts: pure package imports @dj\/db, which is not pure/,
  ],
  [
    'the web importing the database',
    'services/web/src/lists.ts',
    "import { postgres } from '@dj/db'\n",
    /services\/web\/src\/lists\.ts: the web imports the database/,
  ],
  [
    'a package importing a service',
    'packages/db/src/api.ts',
    "import { buildApp } from '../../../services/api/src/app.js'\n",
    /packages\/db\/src\/api\.ts: relative import into services\/api/,
  ],
  [
    'source importing the test fixtures',
    'services/api/src/fixtures.ts',
    "import { buildApp } from '@dj/stack'\n",
    /services\/api\/src\/fixtures\.ts: source imports the test fixtures/,
  ],
  [
    'an undeclared workspace package',
    'services/web/src/words.ts',
    "import { SIDES } from '@dj/vocabulary'\n",
    /services\/web\/src\/words\.ts: imports @dj\/vocabulary, which services\/web\/package\.json does not declare/,
  ],
]

for (const [what, file, text, expected] of planted) {
  t.test(`fails on ${what}`, async (t) => {
    const [dir, ...rest] = [file.split('/').slice(0, 2).join('/'), file.split('/').slice(2).join('/')]
    const packages = structuredClone(clean)
    packages[dir] = { ...packages[dir], files: { ...packages[dir].files, [rest[0]]: text } }
    const problems = checkBoundaries(workspace(t, packages))
    t.ok(
      problems.some((p) => expected.test(p)),
      `reported: ${problems.join(' | ') || 'nothing'}`,
    )
  })
}
