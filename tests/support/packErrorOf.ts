import { expect } from 'vitest';
import { loadPack } from '../../rules/pack/loadPack';
import { PackError } from '../../rules/pack/PackError';

/** The message of the PackError that loading the pack at `path` throws; fails the test when it loads. */
export function packErrorOf(path: string): string {
  try {
    loadPack(path);
  } catch (error) {
    expect(error).toBeInstanceOf(PackError);
    return (error as Error).message;
  }
  throw new Error('expected the pack to be rejected');
}
