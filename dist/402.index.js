export const id = 402;
export const ids = [402];
export const modules = {

/***/ 18402:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   downloadRunArtifact: () => (/* binding */ downloadRunArtifact),
/* harmony export */   pullRequestOfRun: () => (/* binding */ pullRequestOfRun)
/* harmony export */ });
/**
 * The open pull request whose head is the run's head commit in the run's head repository. From the payload
 * when it lists one; otherwise (a fork) from `GET /pulls?head=owner:branch`, keeping only the PR whose
 * head commit and repository are the run's. The artifact's own claim is never consulted.
 */
async function pullRequestOfRun(client, repo, run) {
    const listed = run.pullRequests.filter((p) => p.headSha === run.headSha);
    if (listed.length === 1)
        return { number: listed[0].number };
    if (listed.length > 1)
        return {
            none: `the run's commit is the head of ${listed.length} pull requests (${listed.map((p) => `#${p.number}`).join(', ')}): not commenting on a guess`,
        };
    const [owner] = run.headRepository.split('/');
    const pulls = await client.paginate(client.rest.pulls.list, {
        ...repo,
        state: 'open',
        head: `${owner}:${run.headBranch}`,
        per_page: 100,
    });
    const matching = pulls.filter((p) => p.head.sha === run.headSha && p.head.repo?.full_name === run.headRepository);
    if (matching.length === 1)
        return { number: matching[0].number };
    if (matching.length > 1)
        return {
            none: `the run's commit is the head of ${matching.length} open pull requests: not commenting on a guess`,
        };
    return {
        none: `no open pull request has ${run.headRepository}@${run.headSha.slice(0, 12)} as its head (closed, or pushed to again: the newer run comments)`,
    };
}
/**
 * The zip of the run's artifact named `name` (the newest, if a re-run uploaded it again), read up to
 * `maxBytes`: refused by its listed size before the download, and cut off during it (a listed size is
 * not a promise about the body).
 */
async function downloadRunArtifact(client, repo, runId, name, maxBytes) {
    const artifacts = await client.paginate(client.rest.actions.listWorkflowRunArtifacts, {
        ...repo,
        run_id: runId,
        name,
        per_page: 100,
    });
    const usable = artifacts.filter((a) => a.name === name && !a.expired).sort((a, b) => b.id - a.id);
    const artifact = usable[0];
    if (!artifact)
        return { missing: `run ${runId} uploaded no artifact named ${name}` };
    if (artifact.size_in_bytes > maxBytes)
        return { refused: `the artifact is ${artifact.size_in_bytes} bytes, over the limit of ${maxBytes}` };
    // GitHub answers with a redirect to a short-lived storage URL; fetch follows it (and drops the token
    // on the way: the storage is another origin). The body is read as a stream, so the limit holds.
    const response = await client.rest.actions.downloadArtifact({
        ...repo,
        artifact_id: artifact.id,
        archive_format: 'zip',
        request: { parseSuccessResponseBody: false },
    });
    const body = response.data;
    if (!body)
        return { refused: 'the artifact download had no body' };
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
        // Leaving the loop cancels the stream: the rest is never downloaded.
        if (size > maxBytes)
            return { refused: `the artifact download exceeds the limit of ${maxBytes} bytes` };
        chunks.push(chunk);
    }
    return { zip: Buffer.concat(chunks) };
}


/***/ })

};
