import type { CompiledPack } from '../rules/types';
import { DEFAULT_PACK_DIR, loadPack } from '../rules/pack/loadPack';

/** The pack named by `--pack` (a YAML folder or a compiled .json), else the default pack. */
export function openPack(path: string | undefined): CompiledPack {
  return loadPack(path ?? DEFAULT_PACK_DIR);
}
