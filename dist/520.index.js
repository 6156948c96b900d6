export const id = 520;
export const ids = [520];
export const modules = {

/***/ 39520:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ACTIONS_BOT: () => (/* binding */ ACTIONS_BOT),
/* harmony export */   createClient: () => (/* binding */ createClient),
/* harmony export */   fileAt: () => (/* binding */ fileAt),
/* harmony export */   httpStatus: () => (/* binding */ httpStatus),
/* harmony export */   pullRequestFiles: () => (/* binding */ pullRequestFiles),
/* harmony export */   requestTimeoutMs: () => (/* binding */ requestTimeoutMs),
/* harmony export */   tokenIdentity: () => (/* binding */ tokenIdentity),
/* harmony export */   upsertComment: () => (/* binding */ upsertComment),
/* harmony export */   writtenBy: () => (/* binding */ writtenBy)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22270);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(49735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(86856);
/* harmony import */ var _load_file_text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(68762);
/* harmony import */ var _report_markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(16679);
// The only module that talks to the GitHub API: an Octokit that retries 5xx and waits out rate limits,
// the sticky PR comment, and the REST fallbacks for reading the base commit.





/**
 * How long one API request may take before it is abandoned (and retried like a 5xx): without a bound, a
 * hung connection would hold the job until the runner's 6-hour limit. `API_POSTURE_API_TIMEOUT_MS`
 * overrides it (a slow GitHub Enterprise Server; the tests).
 */
function requestTimeoutMs(env = process.env) {
    const configured = Number(env.API_POSTURE_API_TIMEOUT_MS);
    return Number.isFinite(configured) && configured > 0 ? configured : 30_000;
}
/** Octokit against `apiUrl` (GITHUB_API_URL), with retries for 5xx and waits for (secondary) rate limits. */
function createClient(token, apiUrl, log) {
    const timeout = requestTimeoutMs();
    return (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, {
        baseUrl: apiUrl,
        request: {
            fetch: (url, init) => fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(timeout) }),
        },
        throttle: {
            onRateLimit: (retryAfter, options, _o, retryCount) => {
                log(`GitHub rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s`);
                return retryCount < 2;
            },
            onSecondaryRateLimit: (retryAfter, options, _o, retryCount) => {
                log(`GitHub secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s`);
                return retryCount < 2;
            },
        },
    }, _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__/* .throttling */ .A);
}
/** The default GITHUB_TOKEN writes as this bot (on GitHub Enterprise Server too, with another id). */
const ACTIONS_BOT = { login: 'github-actions[bot]', type: 'Bot' };
/**
 * The token's own account. `GET /user` answers for a personal access token; an installation token (the
 * default GITHUB_TOKEN, a GitHub App's) is refused there with 403, and GraphQL's `viewer` names the app's
 * bot; when that fails too, the token is taken for the default GITHUB_TOKEN. Undefined when GitHub could
 * not say (then no comment is edited: a new one is written).
 */
async function tokenIdentity(client) {
    try {
        const { data } = await client.rest.users.getAuthenticated();
        return { login: data.login, type: data.type, id: data.id };
    }
    catch (error) {
        if (httpStatus(error) !== 403)
            return undefined;
    }
    try {
        const data = await client.graphql('query { viewer { login } }');
        const login = data.viewer?.login;
        // A bot's REST login carries `[bot]`; GraphQL leaves it off for some tokens and not for others.
        if (typeof login === 'string' && login !== '')
            return { login: login.endsWith('[bot]') ? login : `${login}[bot]`, type: 'Bot' };
    }
    catch {
        // No GraphQL (an old GitHub Enterprise Server, a proxy): the default token is by far the most common.
    }
    return ACTIONS_BOT;
}
/**
 * Written by the token's own account: same id (or login, when there is no id to compare) and same type.
 * Only an app can write as a `Bot` and no user login can contain `[bot]`, so a PR author cannot pass for
 * the action's bot; a comment an app performed is also checked against the app it names.
 */
function writtenBy(comment, identity) {
    const user = comment.user;
    if (!user || user.type !== identity.type)
        return false;
    const sameAccount = identity.id !== undefined && user.id !== undefined
        ? user.id === identity.id
        : user.login === identity.login;
    if (!sameAccount)
        return false;
    const app = comment.performed_via_github_app?.slug;
    return identity.type !== 'Bot' || app === undefined || `${app}[bot]` === identity.login;
}
/**
 * Edits the action's own comment carrying the marker, or creates it: one comment per PR, however many
 * runs. A comment carrying the marker that someone else wrote (a PR author can post one first, then edit
 * it back to "passed") is never touched: `onForeign` gets one line naming their authors, and a comment
 * of our own is made.
 */
async function upsertComment(client, repo, issueNumber, body, onForeign = () => { }) {
    const comments = await client.paginate(client.rest.issues.listComments, {
        ...repo,
        issue_number: issueNumber,
        per_page: 100,
    });
    const marked = comments.filter((c) => typeof c.body === 'string' && c.body.startsWith(_report_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .COMMENT_MARKER */ .JO));
    const identity = marked.length > 0 ? await tokenIdentity(client) : undefined;
    const mine = identity ? marked.find((c) => writtenBy(c, identity)) : undefined;
    const foreign = marked.filter((c) => !(identity && writtenBy(c, identity)));
    if (foreign.length > 0)
        onForeign(foreignNote(foreign.map((c) => c.user?.login ?? '(unknown)')));
    if (mine) {
        try {
            const { data } = await client.rest.issues.updateComment({ ...repo, comment_id: mine.id, body });
            return { url: data.html_url, action: 'updated' };
        }
        catch (error) {
            if (httpStatus(error) !== 404)
                throw error; // deleted since it was listed: write a new one
        }
    }
    const { data } = await client.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
    return { url: data.html_url, action: 'created' };
}
/** One line however many there are (a PR author can post hundreds): the count and the first five authors. */
function foreignNote(authors) {
    const names = [...new Set(authors)];
    const one = authors.length === 1;
    return `${one ? 'a comment' : `${authors.length} comments`} by ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''} ${one ? 'carries' : 'carry'} this action's marker but ${one ? 'was' : 'were'} not written by this token: left alone, the report is posted as a comment of its own`;
}
/** Files changed by a PR (when git cannot tell): name, status and previous name for renames. */
async function pullRequestFiles(client, repo, pullNumber) {
    const files = await client.paginate(client.rest.pulls.listFiles, {
        ...repo,
        pull_number: pullNumber,
        per_page: 100,
    });
    return files.map((f) => ({
        path: f.filename,
        status: f.status,
        ...(f.previous_filename ? { previous: f.previous_filename } : {}),
    }));
}
/**
 * A file at a commit through the contents API, read like git's reader (load/file-text.ts `gitShow`):
 * decoded by its byte-order mark, or why it was not read; undefined when it does not exist there.
 * Refused: a path under `.git`; a directory, symlink or submodule (a symlink to a file is answered with
 * that file under its own path, so an answer for another path is one); a file over `maxBytes`, by the
 * size the answer reports, before its content is decoded or its blob downloaded.
 */
async function fileAt(client, repo, path, ref, maxBytes) {
    if (path.split('/').some((part) => part.toLowerCase() === '.git'))
        return { refused: { reason: 'git-dir' } };
    let data;
    try {
        ({ data } = await client.rest.repos.getContent({ ...repo, path, ref }));
    }
    catch (error) {
        if (httpStatus(error) === 404)
            return undefined;
        throw error;
    }
    if (Array.isArray(data) || data.type !== 'file' || data.path !== path)
        return { refused: { reason: 'not-file' } };
    const size = typeof data.size === 'number' ? data.size : 0; // unknown: the decoded bytes are checked
    if (size > maxBytes)
        return { refused: { reason: 'too-large', bytes: size } };
    let base64 = 'content' in data && data.encoding === 'base64' ? data.content : '';
    // Over 1 MB the contents API leaves the content out (encoding "none"): the blob API has it.
    if (base64 === '' && size > 0) {
        const blob = await client.rest.git.getBlob({ ...repo, file_sha: data.sha });
        if (blob.data.encoding !== 'base64')
            return { refused: { reason: 'not-text', encoding: 'UTF-8' } };
        base64 = blob.data.content;
    }
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.length > maxBytes)
        return { refused: { reason: 'too-large', bytes: bytes.length } };
    return (0,_load_file_text_js__WEBPACK_IMPORTED_MODULE_4__/* .decodeText */ .g7)(bytes);
}
function httpStatus(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}


/***/ })

};
