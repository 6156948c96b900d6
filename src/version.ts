// Kept equal to package.json's version by a test (a JSON import would drag package.json into dist/).
export const TOOL_NAME = 'api-posture';
export const TOOL_VERSION = '0.1.0';
