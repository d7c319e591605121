import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as report from '../src/index';

const SRC = join(__dirname, '..', 'src');

describe('the main entry', () => {
  it('is browser-safe: no Node module, no Buffer, no tfjs, outside the PNG entry', () => {
    for (const file of readdirSync(SRC).filter((f) => f.endsWith('.ts') && f !== 'png.ts')) {
      const text = readFileSync(join(SRC, file), 'utf8');
      expect(text, file).not.toMatch(/from ['"]node:|require\(|\bBuffer\.(from|alloc)|@tensorflow|@resvg|@fontsource/);
    }
  });

  it('only re-exports, by name', () => {
    const text = readFileSync(join(SRC, 'index.ts'), 'utf8');
    for (const line of text.split('\n').filter(Boolean))
      expect(line).toMatch(/^export (type )?\{ [^}]+ \} from '\.\/[a-z0-9-]+';$/);
    expect(typeof report.lineChart).toBe('function');
    expect(typeof report.htmlPage).toBe('function');
  });
});
