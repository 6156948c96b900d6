export const id = 845;
export const ids = [845];
export const modules = {

/***/ 12845:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  analyse: () => (/* binding */ analyse),
  streamRun: () => (/* binding */ streamRun)
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
var model = __webpack_require__(10182);
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
const METHODS = new Set(model/* HTTP_METHODS */.y8);
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

// EXTERNAL MODULE: ./src/publish/runner.ts + 1 modules
var publish_runner = __webpack_require__(53651);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(14031);
// EXTERNAL MODULE: ./src/report/json-stream.ts + 2 modules
var json_stream = __webpack_require__(21590);
// EXTERNAL MODULE: ./src/settings.ts + 283 modules
var settings = __webpack_require__(43810);
// EXTERNAL MODULE: ./src/util/heap.ts + 2 modules
var heap = __webpack_require__(36086);
// EXTERNAL MODULE: ./src/action/inputs.ts
var inputs = __webpack_require__(81729);
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
            throw new inputs/* InputError */.dz(`input \`traffic\`: ${error.message}`);
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
    return (0,json_stream/* reportWithSettings */.iZ)(sources, { ...request, mode, ...(traffic ? { traffic } : {}) }, settingsReader, {
        names: { config: 'input `config`', policies: 'input `policies`' },
        fromBase: pullRequest && !inputs.trustPrConfig,
        warn: (message) => core/* warning */.$e((0,report_escape/* logText */.kc)(message)),
    });
}
/**
 * A run analysed and published one document at a time (`StreamedRun`): the inventory (push, schedule), or
 * a pull request's when `pullRequest` is given. Memory holds one document's models, and what each output
 * may still show, whatever the number of documents. `afterPublish` runs before the spooled report is
 * removed, with a writer of it (the comment artifact). Returns the gate's verdict.
 */
async function streamRun(sources, inputs, settingsReader, runner, notes, pull) {
    const { traffic: _patterns, ...request } = inputs;
    const publishing = pull && inputs.mode === 'comment-to-artifact' ? { ...inputs, comment: false } : inputs;
    const published = new publish_runner/* StreamedRun */.t8(publishing, runner, notes, pull ? { number: pull.pullRequest, failOn: inputs.failOn, failOnScope: inputs.failOnScope } : undefined);
    try {
        const pace = (0,heap/* heapPacer */.g)();
        const run = await (0,settings/* streamWithSettings */.AR)(sources, { ...request, mode: pull ? 'diff' : 'scan' }, settingsReader, {
            names: { config: 'input `config`', policies: 'input `policies`' },
            fromBase: pull?.fromBase ?? false,
            warn: (message) => core/* warning */.$e((0,report_escape/* logText */.kc)(message)),
        }, (spec) => published.add(spec, pace.betweenStages), pace);
        await published.finish(run, pull?.clientOf);
        await pull?.afterPublish?.((fd) => published.writeReport(run, fd));
        return run;
    }
    finally {
        published.dispose();
    }
}


/***/ })

};
