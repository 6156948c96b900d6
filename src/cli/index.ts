#!/usr/bin/env node
import { run } from './run.js';

const write = (stream: NodeJS.WriteStream) => ({
  write: (text: string) => void stream.write(text),
  isTTY: stream.isTTY === true,
});
run(process.argv.slice(2), write(process.stdout), write(process.stderr)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`api-posture: internal error: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
