import type { CompiledPack } from '../rules/types';
import { DEFAULT_PACK_DIR, loadPack } from '../rules/pack/loadPack';
import { loadPackCached } from './packCache';

/** The pack named by `--pack` (a YAML folder or a compiled .json), else the default pack. */
export function openPack(path: string | undefined): CompiledPack {
  const target = path ?? DEFAULT_PACK_DIR;
  return target.endsWith('.json') ? loadPack(target) : loadPackCached(target);
}
