import { z } from "zod";

// Zod compiles fast object parsers with `new Function` unless told not to; under the app's
// Content-Security-Policy (no 'unsafe-eval') even its probe is reported as a violation.
z.config({ jitless: true });
