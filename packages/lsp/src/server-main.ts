// Entry of the bundled server (dist/server.mjs): `node server.mjs --stdio` (or `--node-ipc`,
// as the VS Code client starts it).

import { startServer } from "./start.js";

startServer();
