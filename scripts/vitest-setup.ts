// Every test file's set-up: property tests run a fixed fast-check seed, so CI runs the same cases
// every time and a landing is never decided by luck. FC_SEED picks another seed to search more
// (a failure prints the seed and path that reproduce it); tests that set their own seed keep it.

import fc from "fast-check";

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20_261_122) });
