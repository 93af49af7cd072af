import { z } from 'zod';

// zod probes for eval (new Function) to compile fast parsers. Under our CSP
// (script-src 'self', no 'unsafe-eval') the probe fails anyway but still fires
// a CSP violation report on every page load; jitless skips the probe.
z.config({ jitless: true });
