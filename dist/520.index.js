export const id = 520;
export const ids = [520];
export const modules = {

/***/ 9520:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createClient: () => (/* binding */ createClient),
/* harmony export */   fileAt: () => (/* binding */ fileAt),
/* harmony export */   httpStatus: () => (/* binding */ httpStatus),
/* harmony export */   pullRequestFiles: () => (/* binding */ pullRequestFiles),
/* harmony export */   requestTimeoutMs: () => (/* binding */ requestTimeoutMs),
/* harmony export */   upsertComment: () => (/* binding */ upsertComment)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1758);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6856);
/* harmony import */ var _report_markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7691);
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
/** Edits the comment carrying the marker, or creates it: one comment per PR, however many runs. */
async function upsertComment(client, repo, issueNumber, body) {
    const comments = await client.paginate(client.rest.issues.listComments, {
        ...repo,
        issue_number: issueNumber,
        per_page: 100,
    });
    const mine = comments.find((c) => typeof c.body === 'string' && c.body.startsWith(_report_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .COMMENT_MARKER */ .JO));
    if (mine) {
        const { data } = await client.rest.issues.updateComment({ ...repo, comment_id: mine.id, body });
        return { url: data.html_url, action: 'updated' };
    }
    const { data } = await client.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
    return { url: data.html_url, action: 'created' };
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
/** A file's text at a commit through the contents API; undefined when it does not exist there. */
async function fileAt(client, repo, path, ref) {
    try {
        const { data } = await client.rest.repos.getContent({ ...repo, path, ref });
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data))
            return undefined;
        return Buffer.from(data.content, 'base64').toString('utf8');
    }
    catch (error) {
        if (error.status === 404)
            return undefined;
        throw error;
    }
}
function httpStatus(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}


/***/ })

};
