/**
 * Content-Security-Policy of the desktop window, sent as a response header for every page
 * resource (app:// protocol and, in development, the Vite dev server). Nothing remote is ever
 * loaded: scripts, styles, images and fetches come from the app itself. `style-src
 * 'unsafe-inline'` is the one relaxation (Vue style bindings and Chart.js set inline styles);
 * inline and eval'd SCRIPT stays forbidden. See docs/security.md.
 */
export function contentSecurityPolicy(mode: 'production' | 'development', devServerOrigin?: string): string {
  const dev = mode === 'development' && devServerOrigin ? devServerOrigin : null;
  const ws = dev ? dev.replace(/^http/, 'ws') : null;
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...(ws ? [ws] : [])]],
    ['worker-src', ["'self'", 'blob:']],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Security headers added to every response the window receives. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    // With COOP, COEP makes the page cross-origin isolated (SharedArrayBuffer available), as the
    // web build must be for multi-threaded training; every resource is our own origin anyway.
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Referrer-Policy': 'no-referrer',
  };
}
