// The floor of the benchmark: read and JSON.parse each file given on the command line, nothing else.
import { readFileSync } from 'node:fs';

let keys = 0;
for (const file of process.argv.slice(2)) keys += Object.keys(JSON.parse(readFileSync(file, 'utf8'))).length;
if (keys < 0) console.log(keys); // keep the parsed values observable
