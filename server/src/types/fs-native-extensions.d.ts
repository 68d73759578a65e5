/** The one function Parta uses from `fs-native-extensions` (the package ships no types). */
declare module 'fs-native-extensions' {
  /** An open-file-description lock (fcntl F_OFD_SETLK on Linux); false when someone else holds it. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
}
