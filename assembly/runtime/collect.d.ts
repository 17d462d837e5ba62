// For TypeScript only (an editor, `npm run typecheck`): asc knows its runtime's `__collect`,
// tsc does not. AssemblyScript's std declares it the same way (std/assembly/rt/index.d.ts).
declare function __collect(): void;
