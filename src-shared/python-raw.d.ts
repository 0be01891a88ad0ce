declare module '*.py?raw' {
  /** A Python source file as text (Vite's ?raw import): the PyTorch script's parts. */
  const source: string;
  export default source;
}
