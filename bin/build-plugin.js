#!/usr/bin/env node
// The CLI is compiled from src/cli (npm's `prepare` builds dist/ on install).
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
