import type { CompiledPack } from '@/rules/types';
import type { UiText } from './uiText';

interface PackHeaderProps {
  pack: Pick<CompiledPack, 'name' | 'version'>;
  text: UiText;
}

export function PackHeader({ pack, text }: PackHeaderProps) {
  return (
    <header class="pack-header">
      <h1>{text.appName}</h1>
      <p class="pack-name">
        <span class="visually-hidden">{text.packLabel}: </span>
        {pack.name}
      </p>
      <p class="pack-version">{text.version(pack.version)}</p>
    </header>
  );
}
