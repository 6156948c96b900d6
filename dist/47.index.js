export const id = 47;
export const ids = [47];
export const modules = {

/***/ 64047:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  l6: () => (/* binding */ COMMENT_ARTIFACT),
  gR: () => (/* binding */ MAX_ARTIFACT_ZIP_BYTES),
  artifactOverLimit: () => (/* binding */ artifactOverLimit),
  commentArtifactPath: () => (/* binding */ commentArtifactPath),
  sB: () => (/* binding */ readCommentArtifact),
  writeCommentArtifact: () => (/* binding */ writeCommentArtifact)
});

// UNUSED EXPORTS: COMMENT_ARTIFACT_FILE, COMMENT_ARTIFACT_FORMAT, COMMENT_ARTIFACT_VERSION, MAX_ARTIFACT_JSON_BYTES

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/util/bytes.ts
var util_bytes = __webpack_require__(1671);
// EXTERNAL MODULE: ./src/publish/files.ts
var files = __webpack_require__(40172);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(38816);
// EXTERNAL MODULE: ./src/compliance.ts
var compliance = __webpack_require__(95044);
// EXTERNAL MODULE: ./src/findings.ts
var findings = __webpack_require__(81001);
// EXTERNAL MODULE: ./src/gate/index.ts
var gate = __webpack_require__(67155);
// EXTERNAL MODULE: ./src/model.ts
var model = __webpack_require__(10182);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/publish/report-schema.ts
// The JSON report's shape (SPEC §10) as a validator, for a report read back from somewhere hostile: the
// fork-PR comment artifact (publish/artifact.ts), written by whatever the pull request's workflow ran.
// The Markdown renderer escapes every free-text string (they come from the PR's documents in any case),
// but writes some fields as they are because the engine alone produces them: severities, statuses,
// rule ids, fingerprints, counts, line numbers, the tool's version. Here those are held to exactly the
// values the engine can produce, so a forged report cannot break out of a table, a code span or a link.






const count = schemas/* number */.aig().int().min(0);
const score = schemas/* number */.aig().min(0).max(100);
const percent = schemas/* number */.aig().min(0).max(100);
const report_schema_text = schemas/* string */.YjP();
const band = schemas/* enum */.k5n(['critical', 'high', 'medium', 'low']);
const severity = schemas/* enum */.k5n(findings/* SEVERITIES */.oC);
const severityCounts = schemas/* object */.Ikc({
    critical: count,
    high: count,
    medium: count,
    low: count,
    info: count,
});
/** Rule ids are lower-case words and hyphens (`auth-missing`): written inside code spans and YAML. */
const ruleId = schemas/* string */.YjP().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'not a rule id');
const report_schema_location = schemas/* object */.Ikc({ file: report_schema_text, pointer: report_schema_text, line: count, column: count });
const affected = { endpoints: schemas/* array */.YOg(report_schema_text), endpointCount: count };
const reportError = schemas/* object */.Ikc({ file: report_schema_text, line: count, column: count, message: report_schema_text });
const finding = schemas/* object */.Ikc({
    ruleId,
    category: schemas/* enum */.k5n(findings/* CATEGORIES */.R6),
    severity,
    message: report_schema_text,
    remediation: report_schema_text,
    location: report_schema_location,
    /** 16 hex digits (assess/index.ts): written inside a YAML snippet in a code block. */
    fingerprint: schemas/* string */.YjP().regex(/^[0-9a-f]{16}$/, 'not a fingerprint'),
    status: schemas/* enum */.k5n(['new', 'existing', 'fixed']).optional(),
    owasp: report_schema_text,
    cwe: report_schema_text,
    suppressed: schemas/* object */.Ikc({ reason: report_schema_text, expires: report_schema_text.optional(), source: report_schema_text }).optional(),
    endpoints: schemas/* array */.YOg(report_schema_text).optional(),
});
const change = schemas/* object */.Ikc({
    kind: schemas/* string */.YjP().regex(/^[a-z][a-z-]{0,63}$/, 'not a change kind'),
    message: report_schema_text,
    pointer: report_schema_text,
    breaking: schemas/* boolean */.zMY(),
    location: report_schema_location,
});
const metrics = schemas/* object */.Ikc({
    endpoints: count,
    documentedPercent: percent,
    averageScore: score,
    criticalEndpoints: count,
    shadowEndpoints: count,
    authenticationCoveragePercent: percent,
    tlsCoveragePercent: percent,
    policyCompliancePercent: percent,
    perBand: schemas/* object */.Ikc({ critical: count, high: count, medium: count, low: count }),
    perClassification: schemas/* partialRecord */.jgl(schemas/* enum */.k5n(model/* CLASSIFICATIONS */.Ii), count),
});
const changeKind = schemas/* enum */.k5n(['added', 'removed', 'modified', 'unchanged']);
const endpoint = schemas/* object */.Ikc({
    id: report_schema_text,
    method: report_schema_text,
    path: report_schema_text,
    change: changeKind,
    classification: schemas/* enum */.k5n(model/* CLASSIFICATIONS */.Ii),
    dataTypes: schemas/* array */.YOg(report_schema_text),
    compliance: schemas/* array */.YOg(schemas/* enum */.k5n(compliance/* COMPLIANCE_TAGS */.K)).optional(),
    changes: schemas/* array */.YOg(change),
    score: schemas/* object */.Ikc({
        base: score.nullable(),
        head: score.nullable(),
        level: band.nullable(),
        breakdown: schemas/* array */.YOg(report_schema_text),
    }),
    findings: schemas/* array */.YOg(finding),
    location: report_schema_location,
});
const spec = schemas/* object */.Ikc({
    path: report_schema_text,
    status: changeKind,
    analysed: schemas/* boolean */.zMY(),
    failure: reportError.optional(),
    notAssessed: schemas/* array */.YOg(report_schema_text).optional(),
    version: schemas/* object */.Ikc({ base: report_schema_text.nullable(), head: report_schema_text.nullable() }),
    metrics: schemas/* object */.Ikc({ base: metrics.nullable(), head: metrics.nullable() }),
    changes: schemas/* array */.YOg(change.extend(affected)),
    findings: schemas/* array */.YOg(finding.extend(affected)),
    endpoints: schemas/* array */.YOg(endpoint),
    waiverRequests: schemas/* array */.YOg(schemas/* object */.Ikc({
        endpoint: report_schema_text.nullable(),
        kind: schemas/* enum */.k5n(['classification', 'suppression', 'opt-out']),
        requested: report_schema_text,
        granted: schemas/* boolean */.zMY(),
        message: report_schema_text,
        location: report_schema_location,
    })),
});
const reportSchema = schemas/* object */.Ikc({
    tool: schemas/* object */.Ikc({
        name: schemas/* literal */.euz(version/* TOOL_NAME */.l),
        version: schemas/* string */.YjP().regex(/^[0-9A-Za-z.+-]{1,40}$/, 'not a version'),
    }),
    mode: schemas/* enum */.k5n(['diff', 'scan']),
    blocked: schemas/* boolean */.zMY(),
    failOn: schemas/* enum */.k5n(gate/* FAIL_ON_VALUES */.Qm),
    failOnScope: schemas/* enum */.k5n(gate/* FAIL_ON_SCOPES */.lM),
    summary: schemas/* object */.Ikc({
        verdict: report_schema_text,
        endpoints: schemas/* object */.Ikc({ added: count, removed: count, modified: count, unchanged: count }),
        findings: schemas/* object */.Ikc({ new: severityCounts, existing: severityCounts, fixed: severityCounts }),
        violations: schemas/* object */.Ikc({ new: severityCounts, existing: severityCounts }),
        suppressed: count,
    }),
    specs: schemas/* array */.YOg(spec),
    violations: schemas/* array */.YOg(schemas/* object */.Ikc({
        policy: report_schema_text,
        spec: report_schema_text,
        endpoint: report_schema_text,
        severity,
        status: schemas/* enum */.k5n(['new', 'existing']),
        message: report_schema_text,
        remediation: report_schema_text,
        location: report_schema_location,
    })),
    errors: schemas/* array */.YOg(reportError),
});
/** The report, or the first few problems as `path: message` (the path in the report's own keys). */
function parseReport(value) {
    const parsed = reportSchema.safeParse(value);
    if (parsed.success)
        return { report: parsed.data };
    return {
        problems: parsed.error.issues
            .slice(0, 5)
            .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`),
    };
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./src/publish/zip.ts
// Reads one file out of a zip archive in memory: the fork-PR comment artifact (publish/artifact.ts) is a
// zip that the pull request's own workflow wrote, so every field of it is hostile. Only what
// actions/upload-artifact writes is accepted: stored or deflated entries, no encryption, no ZIP64. Nothing
// is ever written to disk, so an entry's name cannot escape anywhere; it must still be the expected one.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** More entries than this is not an artifact of one file: refused before any is read. */
const MAX_ENTRIES = 16;
/**
 * The bytes of the entry named `name`, which must be the archive's only file (folders aside), at most
 * `maxBytes` once inflated: declared sizes are checked before inflating, and inflating stops at the limit
 * (a zip bomb declares a small size and inflates to gigabytes). The CRC must match.
 */
function readOnlyEntry(zip, name, maxBytes) {
    const end = findEndOfCentralDirectory(zip);
    if (end === undefined)
        return { refused: 'it is not a zip archive (no end of central directory)' };
    const entries = zip.readUInt16LE(end + 10);
    const cdSize = zip.readUInt32LE(end + 12);
    const cdOffset = zip.readUInt32LE(end + 16);
    if (zip.readUInt16LE(end + 4) !== 0 || zip.readUInt16LE(end + 8) !== entries)
        return { refused: 'it is a multi-part zip archive' };
    if (entries === 0xffff || cdOffset === 0xffffffff)
        return { refused: 'it is a ZIP64 archive' };
    if (entries > MAX_ENTRIES)
        return { refused: `it holds ${entries} entries, not one file` };
    if (cdOffset + cdSize > end)
        return { refused: 'its central directory lies outside the archive' };
    const files = [];
    let at = cdOffset;
    for (let i = 0; i < entries; i++) {
        const entry = readCentralEntry(zip, at, end);
        if ('refused' in entry)
            return entry;
        at = entry.next;
        // A folder entry carries no data; anything else must be the one expected file.
        if (entry.name.endsWith('/') && entry.uncompressed === 0)
            continue;
        files.push(entry);
    }
    const others = files.filter((f) => f.name !== name).map((f) => quoted(f.name));
    if (others.length > 0)
        return { refused: `it holds ${others.slice(0, 3).join(', ')}, not only ${name}` };
    if (files.length !== 1)
        return { refused: files.length === 0 ? `it has no ${name}` : `it has ${name} twice` };
    return entryBytes(zip, files[0], maxBytes);
}
/** An entry's name for a message: JSON-quoted (control characters shown), cut short. */
function quoted(name) {
    const json = JSON.stringify(name);
    return json.length > 80 ? `${json.slice(0, 79)}…` : json;
}
function findEndOfCentralDirectory(zip) {
    // The record is 22 bytes plus a comment of at most 65,535.
    for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--)
        if (zip.readUInt32LE(at) === EOCD)
            return at;
    return undefined;
}
function readCentralEntry(zip, at, end) {
    if (at + 46 > end || zip.readUInt32LE(at) !== CENTRAL)
        return { refused: 'its central directory is malformed' };
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (next > end)
        return { refused: 'its central directory is malformed' };
    return {
        name: zip.toString('utf8', at + 46, at + 46 + nameLength),
        flags: zip.readUInt16LE(at + 8),
        method: zip.readUInt16LE(at + 10),
        crc: zip.readUInt32LE(at + 16),
        compressed: zip.readUInt32LE(at + 20),
        uncompressed: zip.readUInt32LE(at + 24),
        localOffset: zip.readUInt32LE(at + 42),
        next,
    };
}
function entryBytes(zip, entry, maxBytes) {
    const shown = quoted(entry.name);
    if (entry.flags & 1)
        return { refused: `${shown} is encrypted` };
    if (entry.method !== 0 && entry.method !== 8)
        return {
            refused: `${shown} uses compression method ${entry.method} (only stored and deflated are read)`,
        };
    if (entry.compressed === 0xffffffff || entry.uncompressed === 0xffffffff)
        return { refused: `${shown} is a ZIP64 entry` };
    if (entry.uncompressed > maxBytes)
        return { refused: `${shown} is ${entry.uncompressed} bytes, over the limit of ${maxBytes}` };
    const at = entry.localOffset;
    if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL)
        return { refused: `${shown}: its local header is missing` };
    const nameLength = zip.readUInt16LE(at + 26);
    // The local header's name must be the central directory's: a reader that trusts one and an unzip
    // that trusts the other would see two different files.
    if (zip.toString('utf8', at + 30, at + 30 + nameLength) !== entry.name)
        return { refused: `${shown}: its local header names another file` };
    const start = at + 30 + nameLength + zip.readUInt16LE(at + 28);
    if (start + entry.compressed > zip.length)
        return { refused: `${shown} is cut short` };
    const data = zip.subarray(start, start + entry.compressed);
    let bytes;
    if (entry.method === 0)
        bytes = Buffer.from(data);
    else {
        try {
            bytes = (0,external_node_zlib_.inflateRawSync)(data, { maxOutputLength: maxBytes });
        }
        catch (error) {
            const code = error.code;
            return {
                refused: code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError
                    ? `${shown} inflates to more than ${maxBytes} bytes (a zip bomb?)`
                    : `${shown} does not inflate: ${error.message}`,
            };
        }
    }
    if (bytes.length !== entry.uncompressed)
        return {
            refused: `${shown} inflates to ${bytes.length} bytes, not the ${entry.uncompressed} it declares`,
        };
    if ((0,external_node_zlib_.crc32)(bytes) !== entry.crc)
        return { refused: `${shown} fails its CRC check` };
    return { bytes };
}

;// CONCATENATED MODULE: ./src/publish/artifact.ts
// The fork-PR comment, in two workflows (README "Fork pull requests"; docs/security.md). The
// `pull_request` run cannot comment on a fork's PR (read-only token): it writes the JSON report to a file
// that the workflow uploads as an artifact. A `workflow_run` workflow (write token, no PR code checked out
// or run) reads that artifact back here and renders the comment itself. The pull request's workflow wrote
// the artifact (a fork can change that workflow), so it is treated as hostile: it must be a zip of this
// one file, within the size limits, of this exact format, for the PR and commit that GitHub says the run
// was for, holding a report of the schema the renderer was written for. The comment is never taken from
// the artifact: it is rendered from the validated report, with the renderer's own escaping.






/** The artifact's name, the folder the action writes it to (under RUNNER_TEMP) and the file in it. */
const COMMENT_ARTIFACT = 'api-posture-comment';
const COMMENT_ARTIFACT_FILE = 'api-posture-comment.json';
/** Marks the file as this action's, in this version of the format. */
const COMMENT_ARTIFACT_FORMAT = 'api-posture/pr-comment';
const COMMENT_ARTIFACT_VERSION = 1;
/** The zip as downloaded, and its one file inflated: far above a PR's report, far below a runner's memory. */
const MAX_ARTIFACT_ZIP_BYTES = 8 * 1024 * 1024;
const MAX_ARTIFACT_JSON_BYTES = 32 * 1024 * 1024;
/** Where the `pull_request` run writes the file: the folder the README's upload step names. */
function commentArtifactPath(tempDir) {
    return (0,external_node_path_.join)(tempDir, COMMENT_ARTIFACT, COMMENT_ARTIFACT_FILE);
}
/**
 * Writes the artifact's file (as publish/files.ts allows: no symlink, inside `roots`); why not, or undefined.
 * `writeReport` writes the report's JSON (and a newline) into the file: a whole report, or one streamed
 * from its spooled parts (`StreamedRun.writeReport`).
 */
function writeCommentArtifact(path, roots, pullRequest, headSha, writeReport) {
    const frame = {
        format: COMMENT_ARTIFACT_FORMAT,
        version: COMMENT_ARTIFACT_VERSION,
        pullRequest,
        headSha,
    };
    const members = Object.entries(frame).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},\n`);
    return (0,files/* writeReportFile */.aS)(path, roots, (fd) => {
        (0,external_node_fs_.writeSync)(fd, `{\n${members.join('')}  "report": `);
        writeReport(fd);
        (0,external_node_fs_.writeSync)(fd, '}\n');
    });
}
/**
 * Said when the artifact's file is larger than the `workflow_run` side reads (a pull request touching
 * hundreds of documents): that run would refuse it, so the PR would get no comment; said here, in the PR's
 * own run, where its author and reviewers look. Undefined within the limit.
 */
function artifactOverLimit(path, maxBytes = MAX_ARTIFACT_JSON_BYTES) {
    const bytes = (0,external_node_fs_.statSync)(path).size;
    if (bytes <= maxBytes)
        return undefined;
    return `the comment artifact is ${(0,util_bytes/* formatBytes */.z)(bytes)}, above the ${(0,util_bytes/* formatBytes */.z)(maxBytes)} the comment-from-artifact run reads: this PR will get no comment (its report is too large to post); the gate, annotations, job summary and SARIF are unaffected`;
}
/** A value from the artifact, for a message: JSON, cut short (a fork can write a megabyte of "number"). */
function shown(value) {
    const json = JSON.stringify(value) ?? String(value);
    return json.length > 80 ? `${json.slice(0, 79)}…` : json;
}
/**
 * The report in a downloaded artifact zip, or why it is refused. Checked in this order, each before the
 * next is read: the zip's size, its one entry and that entry's inflated size, JSON, the format marker and
 * version, the PR number and head commit against `run`, and the report's schema.
 */
function readCommentArtifact(zip, run) {
    if (zip.length > MAX_ARTIFACT_ZIP_BYTES)
        return { refused: `the artifact is ${zip.length} bytes, over the limit of ${MAX_ARTIFACT_ZIP_BYTES}` };
    const entry = readOnlyEntry(zip, COMMENT_ARTIFACT_FILE, MAX_ARTIFACT_JSON_BYTES);
    if ('refused' in entry)
        return { refused: `the artifact is not readable: ${entry.refused}` };
    let value;
    try {
        value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(entry.bytes));
    }
    catch (error) {
        return { refused: `${COMMENT_ARTIFACT_FILE} is not UTF-8 JSON: ${error.message}` };
    }
    const artifact = value;
    if (typeof artifact !== 'object' || artifact === null || artifact.format !== COMMENT_ARTIFACT_FORMAT)
        return {
            refused: `${COMMENT_ARTIFACT_FILE} is not this action's output (no "${COMMENT_ARTIFACT_FORMAT}" format marker)`,
        };
    if (artifact.version !== COMMENT_ARTIFACT_VERSION)
        return {
            refused: `${COMMENT_ARTIFACT_FILE} is format version ${shown(artifact.version)}; this action reads version ${COMMENT_ARTIFACT_VERSION} (use the same action version in both workflows)`,
        };
    if (artifact.pullRequest !== run.pullRequest)
        return {
            refused: `${COMMENT_ARTIFACT_FILE} is for pull request ${shown(artifact.pullRequest)}, but the run that uploaded it ran for pull request #${run.pullRequest}`,
        };
    if (artifact.headSha !== run.headSha)
        return {
            refused: `${COMMENT_ARTIFACT_FILE} is for commit ${shown(artifact.headSha)}, but the run that uploaded it ran on ${run.headSha}`,
        };
    const parsed = parseReport(artifact.report);
    if ('problems' in parsed)
        return {
            refused: `the report in ${COMMENT_ARTIFACT_FILE} is not this action's report: ${parsed.problems.join('; ')}`,
        };
    if (parsed.report.mode !== 'diff')
        return { refused: `the report in ${COMMENT_ARTIFACT_FILE} is an inventory (scan), not a pull request's` };
    return { report: parsed.report };
}


/***/ })

};
