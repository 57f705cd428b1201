/** The human part of a Node fs error ("no such file or directory"), without the code and syscall. */
export function fsErrorReason(error: NodeJS.ErrnoException): string {
  const reason = /^[A-Z]+: ([^,]+)/.exec(error.message);
  return reason ? reason[1] : error.message;
}

export function isFsError(error: unknown): error is NodeJS.ErrnoException & { path: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).path === 'string';
}
