// Parta's Content-Security-Policy forbids eval. zod probes for it (`new Function`) as it builds its
// first object schema, and the browser reports that as a violation even though zod catches it. This
// setting, which zod reads when it loads, skips the probe. A classic script, so it runs before the
// app's modules, which load deferred.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
