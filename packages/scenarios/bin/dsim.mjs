#!/usr/bin/env node
// The dsim command. Runs the TypeScript sources through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { runProcess } = await import('../src/cli.ts');
await runProcess();
