// Vite's `?raw` suffix imports a file as a string (bundled into the CLI, so it needs no path at run time).
declare module '*.csv?raw' {
  const text: string;
  export default text;
}
