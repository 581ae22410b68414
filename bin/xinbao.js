#!/usr/bin/env node
// The `xinbao` command. The server is TypeScript run through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
await import('../server/main.ts');
