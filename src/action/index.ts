// GitHub Action entry: everything happens in main.ts's run().
import { run } from './main.js';

await run();
